//! The API's routes for subject access requests (UK GDPR Article 15), for the roles that see
//! every case: the requests, one logged, what was found about the person (the look recorded in
//! the access log), each find confirmed or not, the names to redact, the extension and the day the
//! answer went; and the response pack (a zip of the person's records with another person's names
//! redacted, and an index of every file's SHA-256), made on the server and sent with its summary.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::routing::post;
use axum::{Json, Router};
use base64::Engine;
use chrono::Utc;
use serde::Deserialize;
use serde_json::{json, Value};

use casebook::access::{self, Look};
use casebook::json::SarDetail;
use casebook::sar;
use casebook::settings;
use casebook::team::TeamRole;
use casebook::Error;
use casebook_papers::template::Templates;

use crate::http::{body, in_council, token, value, ApiResult, Shared};

/// What is asked of the requests.
#[derive(Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
enum Action {
    List,
    New {
        name: String,
        received_on: String,
        contact: Option<String>,
    },
    Detail {
        id: i64,
    },
    Confirm {
        id: i64,
        hit: i64,
        confirmed: bool,
    },
    Names {
        id: i64,
        aliases: String,
        redact: String,
        keep: String,
    },
    Extend {
        id: i64,
        reason: String,
    },
    Sent {
        id: i64,
        on: String,
    },
    Redactions {
        id: i64,
    },
}

async fn act(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path(council): Path<i64>,
    parsed: Result<Json<Action>, JsonRejection>,
) -> ApiResult<Value> {
    let token = token(&headers)?;
    let action = body(parsed)?;
    let now = Utc::now();
    let doing = "handle subject access requests";
    in_council(
        team,
        token,
        council,
        (doing, TeamRole::sees_every_case),
        now,
        move |tx, s| match action {
            Action::List => value(sar::list(tx)?),
            Action::New {
                name,
                received_on,
                contact,
            } => value(sar::new(tx, s, &name, &received_on, contact.as_deref())?),
            Action::Detail { id } => {
                let request = sar::get(tx, id)?;
                let what = format!("subject access request #{id} (team server)");
                access::record(tx, s, Look::Search, None, &what)?;
                let hits = sar::hits(tx, id)?;
                value(SarDetail { request, hits })
            }
            Action::Confirm { id, hit, confirmed } => value(sar::confirm(tx, id, hit, confirmed)?),
            Action::Names {
                id,
                aliases,
                redact,
                keep,
            } => value(sar::set_names(tx, s, id, &aliases, &redact, &keep)?),
            Action::Extend { id, reason } => value(sar::extend(tx, s, id, &reason)?),
            Action::Sent { id, on } => value(sar::mark_sent(tx, s, id, &on)?),
            Action::Redactions { id } => {
                let request = sar::get(tx, id)?;
                value(casebook_papers::sar::redactions(
                    tx,
                    &request,
                    now.date_naive(),
                )?)
            }
        },
    )
    .await
    .map(Json)
}

/// Request `id`'s pack: `{pack, sha256, zip}` (the zip in base64, its SHA-256 beside it).
async fn pack(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path((council, id)): Path<(i64, i64)>,
) -> ApiResult<Value> {
    let token = token(&headers)?;
    let now = Utc::now();
    let doing = "make a subject access pack";
    in_council(
        team,
        token,
        council,
        (doing, TeamRole::sees_every_case),
        now,
        move |tx, s| {
            // Made in a file of its own (the pack is written whole or not at all), read back and
            // removed; the answer carries it.
            let stamp = now.timestamp_nanos_opt().unwrap_or_default();
            let name = format!("casebook-pack-{}-{id}-{stamp}.zip", std::process::id());
            let out = std::env::temp_dir().join(name);
            let kept = settings::templates(tx)?;
            let made = casebook_papers::sar::export(
                tx,
                id,
                &out,
                Templates::Stored(&kept),
                now.date_naive(),
                &s.at_text(),
            );
            let bytes = made.as_ref().ok().map(|_| std::fs::read(&out));
            let _ = std::fs::remove_file(&out);
            let pack = made?;
            let bytes = bytes
                .transpose()
                .map_err(|e| Error::io(&out, e))?
                .unwrap_or_default();
            let what = format!("subject access pack #{id} (team server)");
            access::record(tx, s, Look::MakePaper, None, &what)?;
            Ok(json!({
                "pack": pack,
                "sha256": casebook::audit::sha256_hex(&bytes),
                "zip": base64::engine::general_purpose::STANDARD.encode(&bytes),
            }))
        },
    )
    .await
    .map(Json)
}

pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route("/api/councils/{council}/sars/actions", post(act))
        .route("/api/councils/{council}/sars/{id}/pack", post(pack))
}
