-- A CHECK that a column holds one of three or more values, written `col IN ('a', 'b', 'c')`, makes
-- SQLite build a temporary b-tree of the values every time a row is written (an IN list longer
-- than two is looked up, not compared); on the audit trail, the cases and their procedure steps
-- that was about a tenth of an import. Each such CHECK is rewritten as the same test spelled out,
-- `(col = 'a' OR col = 'b' OR col = 'c')`, which SQLite compares directly.
--
-- This is SQLite's documented way to change a CHECK constraint without rebuilding the table
-- ("Making Other Kinds Of Table Schema Changes", lang_altertable.html): only the table's
-- definition in sqlite_master changes; no row, page or index is touched. The two spellings accept
-- exactly the same values (NULL included), so every stored row still satisfies its table's
-- constraints, and a connection that still holds the old definition checks the same thing.
-- Each replace() matches the text the earlier migrations wrote; `PRAGMA writable_schema = RESET`
-- then reloads the schema on this connection. A test checks that no such IN list is left.
PRAGMA writable_schema = ON;
UPDATE sqlite_master SET sql = replace(sql,
    'action IN (''open case'', ''view evidence'', ''export evidence'',
                                                ''make paper'', ''search'')',
    '(action = ''open case'' OR action = ''view evidence'' OR action = ''export evidence'' OR action = ''make paper'' OR action = ''search'')')
WHERE type = 'table' AND name = 'access_log';
UPDATE sqlite_master SET sql = replace(sql,
    'action IN (''create'', ''update'', ''delete'')',
    '(action = ''create'' OR action = ''update'' OR action = ''delete'')')
WHERE type = 'table' AND name = 'audit';
UPDATE sqlite_master SET sql = replace(sql,
    'answer IN (''yes'', ''no'', ''unknown'')',
    '(answer = ''yes'' OR answer = ''no'' OR answer = ''unknown'')')
WHERE type = 'table' AND name = 'capacity_answer';
UPDATE sqlite_master SET sql = replace(replace(sql,
    'complainant_type IN (''public'', ''councillor'', ''officer'', ''other'')',
    '(complainant_type = ''public'' OR complainant_type = ''councillor'' OR complainant_type = ''officer'' OR complainant_type = ''other'')'),
    'capacity_determination IN (''in capacity'', ''not in capacity'', ''undetermined'')',
    '(capacity_determination = ''in capacity'' OR capacity_determination = ''not in capacity'' OR capacity_determination = ''undetermined'')')
WHERE type = 'table' AND name = 'cases';
UPDATE sqlite_master SET sql = replace(sql,
    'kind IN (''responsibility'', ''legal_issue'', ''nolan_principle'',
                                              ''code_obligation'', ''lga_checklist'', ''capacity_indicator'')',
    '(kind = ''responsibility'' OR kind = ''legal_issue'' OR kind = ''nolan_principle'' OR kind = ''code_obligation'' OR kind = ''lga_checklist'' OR kind = ''capacity_indicator'')')
WHERE type = 'table' AND name = 'catalogue_item';
UPDATE sqlite_master SET sql = replace(sql,
    'reason IN (''awaiting information'', ''pre-election period'',
                                                ''police referral'', ''other'')',
    '(reason = ''awaiting information'' OR reason = ''pre-election period'' OR reason = ''police referral'' OR reason = ''other'')')
WHERE type = 'table' AND name = 'clock_pause';
UPDATE sqlite_master SET sql = replace(sql,
    'method IN (''email'', ''post'', ''in person'')',
    '(method = ''email'' OR method = ''post'' OR method = ''in person'')')
WHERE type = 'table' AND name = 'councillor_notification';
UPDATE sqlite_master SET sql = replace(replace(sql,
    'kind IN (''acknowledgement'', ''notification'', ''comments'',
                                               ''decision'', ''outcome'', ''review'')',
    '(kind = ''acknowledgement'' OR kind = ''notification'' OR kind = ''comments'' OR kind = ''decision'' OR kind = ''outcome'' OR kind = ''review'')'),
    'party IN (''complainant'', ''councillor'', ''ip'', ''clerk'')',
    '(party = ''complainant'' OR party = ''councillor'' OR party = ''ip'' OR party = ''clerk'')')
WHERE type = 'table' AND name = 'letter';
UPDATE sqlite_master SET sql = replace(sql,
    'role IN (''monitoring_officer'', ''deputy'', ''standards_officer'',
                                              ''investigator'', ''read_only'')',
    '(role = ''monitoring_officer'' OR role = ''deputy'' OR role = ''standards_officer'' OR role = ''investigator'' OR role = ''read_only'')')
WHERE type = 'table' AND name = 'officer';
UPDATE sqlite_master SET sql = replace(replace(sql,
    'ending IN (''no further action'', ''out of scope'',
                                                   ''informal resolution'', ''no breach'',
                                                   ''breach found'', ''withdrawn'',
                                                   ''referred to police'')',
    '(ending = ''no further action'' OR ending = ''out of scope'' OR ending = ''informal resolution'' OR ending = ''no breach'' OR ending = ''breach found'' OR ending = ''withdrawn'' OR ending = ''referred to police'')'),
    'start IN (''closure'', ''final determination'', ''leaving office'')',
    '(start = ''closure'' OR start = ''final determination'' OR start = ''leaving office'')')
WHERE type = 'table' AND name = 'retention_rule';
UPDATE sqlite_master SET sql = replace(sql,
    'decision IN (''decision upheld'', ''decision changed'',
                                                               ''request not accepted'')',
    '(decision = ''decision upheld'' OR decision = ''decision changed'' OR decision = ''request not accepted'')')
WHERE type = 'table' AND name = 'review_request';
UPDATE sqlite_master SET sql = replace(sql,
    'account_use IN (''personal'', ''councillor'', ''mixed'')',
    '(account_use = ''personal'' OR account_use = ''councillor'' OR account_use = ''mixed'')')
WHERE type = 'table' AND name = 'social_account';
UPDATE sqlite_master SET sql = replace(sql,
    'stage IN (''acknowledged'', ''initial assessment'', ''decision'',
                                                ''investigation'', ''report'', ''hearing'', ''outcome'',
                                                ''closed'')',
    '(stage = ''acknowledged'' OR stage = ''initial assessment'' OR stage = ''decision'' OR stage = ''investigation'' OR stage = ''report'' OR stage = ''hearing'' OR stage = ''outcome'' OR stage = ''closed'')')
WHERE type = 'table' AND name = 'stage_event';
PRAGMA writable_schema = RESET;
