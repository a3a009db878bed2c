-- The seed gave its rows their ids: the identities go on from the highest.
SELECT setval(pg_get_serial_sequence('catalogue_version', 'id'), (SELECT max(id) FROM catalogue_version));
SELECT setval(pg_get_serial_sequence('catalogue_item', 'id'), (SELECT max(id) FROM catalogue_item));
