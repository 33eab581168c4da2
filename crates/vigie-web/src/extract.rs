//! What a page handler receives about who asks: the visitor's language and session, the
//! signed-in operator (or the page to go to instead), and forms checked against CSRF.

use crate::app::{catalog, App};
use crate::auth::{self, Session};
use crate::respond::forbidden;
use axum::extract::{FromRequest, FromRequestParts, Multipart, Query, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use std::collections::HashMap;
use std::sync::Arc;
use vigie_core::{Catalog, Lang};

/// The session cookie.
pub(crate) const SESSION_COOKIE: &str = "vigie_session";
/// The language cookie.
pub(crate) const LANG_COOKIE: &str = "vigie_lang";

/// A cookie of the request.
fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    let all = headers.get(header::COOKIE)?.to_str().ok()?;
    auth::cookie(all, name)
}

/// The session token the request carries.
pub(crate) fn session_token(headers: &HeaderMap) -> Option<String> {
    cookie(headers, SESSION_COOKIE).map(str::to_owned)
}

/// Anyone asking: the page's catalog, and the session if there is one.
pub(crate) struct Visitor {
    /// The page's language.
    pub(crate) cat: Arc<Catalog>,
    /// The session, if signed in.
    pub(crate) session: Option<Session>,
}

impl FromRequestParts<Arc<App>> for Visitor {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &Arc<App>,
    ) -> Result<Self, Self::Rejection> {
        let lang = cookie(&parts.headers, LANG_COOKIE)
            .and_then(|l| l.parse().ok())
            .unwrap_or(Lang::Fr);
        let session = session_token(&parts.headers).and_then(|t| app.sessions.get(&t));
        Ok(Visitor {
            cat: catalog(lang),
            session,
        })
    }
}

/// The signed-in operator. Without a session the request goes to the first-start page (no
/// operator yet) or to the login page.
pub(crate) struct Operator {
    /// The page's language.
    pub(crate) cat: Arc<Catalog>,
    /// The operator's session.
    pub(crate) session: Session,
}

impl FromRequestParts<Arc<App>> for Operator {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &Arc<App>) -> Result<Self, Response> {
        let Ok(v) = Visitor::from_request_parts(parts, app).await;
        match v.session {
            Some(session) => Ok(Operator {
                cat: v.cat,
                session,
            }),
            None if app.no_operators() => Err(Redirect::to("/setup").into_response()),
            None => Err(Redirect::to("/login").into_response()),
        }
    }
}

/// Whether a post comes from this app's own pages (its `Origin`, when sent, is this host).
pub(crate) fn same_origin(headers: &HeaderMap) -> bool {
    let value = |h| headers.get(h).and_then(|v| v.to_str().ok());
    match (value(header::ORIGIN), value(header::HOST)) {
        (Some(origin), Some(host)) => origin
            .split_once("://")
            .is_some_and(|(_, rest)| rest == host),
        (Some(_), None) => false,
        (None, _) => true,
    }
}

/// Whether `token` is the session's CSRF token and the post comes from this app.
fn csrf_ok(session: &Session, headers: &HeaderMap, token: Option<&String>) -> bool {
    same_origin(headers) && token.is_some_and(|t| auth::same(t, &session.csrf))
}

/// The headers of a posted form, and its fields.
async fn form_fields(
    parts: Parts,
    body: axum::body::Body,
    app: &Arc<App>,
) -> Result<(HeaderMap, HashMap<String, String>), Response> {
    let headers = parts.headers.clone();
    let req = Request::from_parts(parts, body);
    let Form(form) = Form::<HashMap<String, String>>::from_request(req, app)
        .await
        .map_err(IntoResponse::into_response)?;
    Ok((headers, form))
}

/// A form posted by the signed-in operator from this app's pages, with its CSRF token.
pub(crate) struct Posted {
    /// The operator.
    pub(crate) op: Operator,
    /// The form's fields.
    pub(crate) form: HashMap<String, String>,
}

impl FromRequest<Arc<App>> for Posted {
    type Rejection = Response;

    async fn from_request(req: Request, app: &Arc<App>) -> Result<Self, Response> {
        let (mut parts, body) = req.into_parts();
        let op = Operator::from_request_parts(&mut parts, app).await?;
        let (headers, form) = form_fields(parts, body, app).await?;
        if !csrf_ok(&op.session, &headers, form.get("csrf")) {
            return Err(forbidden(&op.cat));
        }
        Ok(Posted { op, form })
    }
}

/// Files uploaded by the signed-in operator from this app's pages (the CSRF token travels
/// in the query, as the body is streamed).
pub(crate) struct Upload {
    /// The operator.
    pub(crate) op: Operator,
    /// The parts of the upload, read as they arrive.
    pub(crate) multipart: Multipart,
}

impl FromRequest<Arc<App>> for Upload {
    type Rejection = Response;

    async fn from_request(req: Request, app: &Arc<App>) -> Result<Self, Response> {
        let (mut parts, body) = req.into_parts();
        let op = Operator::from_request_parts(&mut parts, app).await?;
        let Query(q) = Query::<HashMap<String, String>>::from_request_parts(&mut parts, app)
            .await
            .map_err(IntoResponse::into_response)?;
        if !csrf_ok(&op.session, &parts.headers, q.get("csrf")) {
            return Err(forbidden(&op.cat));
        }
        let req = Request::from_parts(parts, body);
        let multipart = Multipart::from_request(req, app)
            .await
            .map_err(IntoResponse::into_response)?;
        Ok(Upload { op, multipart })
    }
}

/// The cookie holding the token of the forms used before signing in (first start, login).
pub(crate) const FORM_COOKIE: &str = "vigie_form";

/// The token of the forms used before signing in: the visitor's own, or a new one that the
/// page sets with [`GuestToken::with_cookie`]. A page of another site cannot read it, so it
/// cannot post these forms (a login into an account of its choosing, a first-start
/// administrator of its own).
pub(crate) struct GuestToken {
    /// The token.
    pub(crate) token: String,
    fresh: bool,
}

impl FromRequestParts<Arc<App>> for GuestToken {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &Arc<App>) -> Result<Self, Self::Rejection> {
        Ok(
            match cookie(&parts.headers, FORM_COOKIE).filter(|t| is_token(t)) {
                Some(t) => GuestToken {
                    token: t.to_owned(),
                    fresh: false,
                },
                None => GuestToken {
                    token: auth::token(),
                    fresh: true,
                },
            },
        )
    }
}

/// Whether `t` looks like a token this app makes (64 hexadecimal digits).
fn is_token(t: &str) -> bool {
    t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit())
}

impl GuestToken {
    /// The hidden field carrying the token in a form.
    pub(crate) fn field(&self) -> String {
        format!(
            "<input type=\"hidden\" name=\"csrf\" value=\"{}\">",
            self.token
        )
    }

    /// `page`, setting the token's cookie when it is new.
    pub(crate) fn with_cookie(&self, page: Response) -> Response {
        if !self.fresh {
            return page;
        }
        let cookie = format!(
            "{FORM_COOKIE}={}; Path=/; HttpOnly; SameSite=Strict",
            self.token
        );
        ([(header::SET_COOKIE, cookie)], page).into_response()
    }
}

/// A form used before signing in, posted from this app's pages: its token is the one its
/// cookie holds, and its origin, when sent, is this host.
pub(crate) struct GuestForm {
    /// The token, to put in the form shown again.
    pub(crate) token: GuestToken,
    /// The form's fields.
    pub(crate) form: HashMap<String, String>,
}

impl FromRequest<Arc<App>> for GuestForm {
    type Rejection = Response;

    async fn from_request(req: Request, app: &Arc<App>) -> Result<Self, Response> {
        let (mut parts, body) = req.into_parts();
        let Ok(v) = Visitor::from_request_parts(&mut parts, app).await;
        let Ok(token) = GuestToken::from_request_parts(&mut parts, app).await;
        let (headers, form) = form_fields(parts, body, app).await?;
        let sent = form.get("csrf").map(String::as_str).unwrap_or_default();
        if token.fresh || !same_origin(&headers) || !auth::same(sent, &token.token) {
            return Err(forbidden(&v.cat));
        }
        Ok(GuestForm { token, form })
    }
}
