//! Deadlines on reading request bodies. actix's `client_request_timeout` covers the request head
//! only: a client sending its body a byte every few seconds would otherwise hold a connection,
//! its buffers and a file descriptor for as long as it likes.
//!
//! A body must arrive within `body_timeout`, plus one second per `body_min_bytes_per_sec` bytes
//! received (a 10 MiB photo on a slow but steady link gets through; a trickle gets
//! `body_timeout`), and the reader never waits longer than `body_idle_timeout` for the next
//! bytes. A late body fails with an I/O `TimedOut` error, which the JSON and form extractors and
//! the photo upload answer with 408 (`ApiError::from(PayloadError)`).
//!
//! The request's payload is also kept alive until the response is sent: actix closes a
//! connection whose body was not read to the end only while the body's reader exists; once the
//! reader is dropped it drains a chunked body instead, with no deadline at all.

use std::cell::RefCell;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Duration;

use actix_web::HttpMessage;
use actix_web::body::{BodySize, BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::middleware::Next;
use actix_web::web::{Bytes, Data};
use futures_util::Stream;
use tokio::time::{Instant, Sleep};

use crate::config::Settings;

#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub total: Duration,
    pub idle: Duration,
    /// Each this many bytes received earn one more second; 0: the total never grows.
    pub min_bytes_per_sec: u64,
}

impl Limits {
    pub fn new(settings: &Settings) -> Limits {
        Limits {
            total: settings.http.body_timeout,
            idle: settings.http.body_idle_timeout,
            min_bytes_per_sec: settings.http.body_min_bytes_per_sec,
        }
    }

    /// The extra time `received` bytes have earned.
    fn allowance(&self, received: u64) -> Duration {
        match self.min_bytes_per_sec {
            0 => Duration::ZERO,
            rate => Duration::from_millis(received.saturating_mul(1000) / rate),
        }
    }
}

/// True when a body read failed because the body was late.
pub fn is_timeout(err: &PayloadError) -> bool {
    matches!(err, PayloadError::Io(e) if e.kind() == io::ErrorKind::TimedOut)
}

fn timed_out() -> PayloadError {
    PayloadError::Io(io::Error::new(
        io::ErrorKind::TimedOut,
        "the request body did not arrive in time",
    ))
}

/// The middleware: puts the deadlines on the request's body, and holds the body until the
/// response has been sent.
pub async fn guard(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<Held>, actix_web::Error> {
    let limits = req
        .app_data::<Data<Limits>>()
        .map(|limits| *limits.get_ref());
    let payload = req.take_payload();
    let held = match (limits, payload) {
        // No body (GET, HEAD, …): nothing to time.
        (_, Payload::None) => None,
        (None, payload) => {
            req.set_payload(payload);
            None
        }
        (Some(limits), payload) => {
            let payload = Rc::new(RefCell::new(payload));
            let timed: Pin<Box<dyn Stream<Item = Result<Bytes, PayloadError>>>> =
                Box::pin(Deadline::new(Rc::clone(&payload), limits));
            req.set_payload(Payload::from(timed));
            Some(payload)
        }
    };
    let res = next.call(req).await?.map_into_boxed_body();
    Ok(res.map_body(|_, body| Held {
        body,
        _payload: held,
    }))
}

/// A response body that keeps the request's payload alive until it has been sent, so an unread
/// body closes the connection rather than being drained.
pub struct Held {
    body: BoxBody,
    _payload: Option<Rc<RefCell<Payload>>>,
}

impl MessageBody for Held {
    type Error = <BoxBody as MessageBody>::Error;

    fn size(&self) -> BodySize {
        self.body.size()
    }

    fn poll_next(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Self::Error>>> {
        Pin::new(&mut self.get_mut().body).poll_next(cx)
    }
}

/// The request body with its deadlines.
struct Deadline {
    payload: Rc<RefCell<Payload>>,
    limits: Limits,
    started: Instant,
    received: u64,
    /// Since when the reader has been waiting for bytes; `None` while it is not waiting (the
    /// handler's own work between reads is not the client's delay).
    waiting_since: Option<Instant>,
    /// Created on the first wait: most bodies arrive with their head and never need it.
    timer: Option<Pin<Box<Sleep>>>,
    expired: bool,
}

impl Deadline {
    fn new(payload: Rc<RefCell<Payload>>, limits: Limits) -> Deadline {
        Deadline {
            payload,
            limits,
            started: Instant::now(),
            received: 0,
            waiting_since: None,
            timer: None,
            expired: false,
        }
    }
}

impl Stream for Deadline {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.expired {
            return Poll::Ready(Some(Err(timed_out())));
        }
        let polled = Pin::new(&mut *this.payload.borrow_mut()).poll_next(cx);
        match polled {
            Poll::Ready(Some(Ok(chunk))) => {
                this.received = this.received.saturating_add(chunk.len() as u64);
                this.waiting_since = None;
                return Poll::Ready(Some(Ok(chunk)));
            }
            Poll::Ready(other) => return Poll::Ready(other),
            Poll::Pending => {}
        }
        let since = *this.waiting_since.get_or_insert_with(Instant::now);
        let deadline = (this.started + this.limits.total + this.limits.allowance(this.received))
            .min(since + this.limits.idle);
        let timer = this
            .timer
            .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(deadline)));
        if timer.deadline() != deadline {
            timer.as_mut().reset(deadline);
        }
        if timer.as_mut().poll(cx).is_ready() {
            this.expired = true;
            return Poll::Ready(Some(Err(timed_out())));
        }
        Poll::Pending
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::StreamExt;

    fn limits(total_ms: u64, idle_ms: u64, rate: u64) -> Limits {
        Limits {
            total: Duration::from_millis(total_ms),
            idle: Duration::from_millis(idle_ms),
            min_bytes_per_sec: rate,
        }
    }

    /// A body of `chunk` bytes every `every`, never ending.
    fn dripping(chunk: usize, every: Duration) -> Payload {
        let stream = futures_util::stream::unfold((), move |()| async move {
            tokio::time::sleep(every).await;
            Some((Ok(Bytes::from(vec![b' '; chunk])), ()))
        });
        let stream: Pin<Box<dyn Stream<Item = Result<Bytes, PayloadError>>>> = Box::pin(stream);
        Payload::from(stream)
    }

    /// Read until the first error; (bytes read, whether it was a timeout, time taken).
    async fn read(mut body: Deadline) -> (usize, bool, Duration) {
        let start = std::time::Instant::now();
        let mut n = 0;
        while let Some(chunk) = body.next().await {
            match chunk {
                Ok(c) => n += c.len(),
                Err(e) => return (n, is_timeout(&e), start.elapsed()),
            }
        }
        (n, false, start.elapsed())
    }

    #[tokio::test]
    async fn silence_hits_the_idle_deadline() {
        let silent = dripping(1, Duration::from_secs(3600));
        let body = Deadline::new(Rc::new(RefCell::new(silent)), limits(5_000, 100, 0));
        let (n, timeout, took) = read(body).await;
        assert_eq!(n, 0);
        assert!(timeout);
        assert!(took < Duration::from_secs(2), "{took:?}");
    }

    #[tokio::test]
    async fn a_trickle_hits_the_total_deadline() {
        let trickle = dripping(1, Duration::from_millis(50));
        let body = Deadline::new(Rc::new(RefCell::new(trickle)), limits(400, 200, 0));
        let (n, timeout, took) = read(body).await;
        assert!(timeout);
        assert!(n > 0);
        assert!(took >= Duration::from_millis(350), "{took:?}");
        assert!(took < Duration::from_secs(3), "{took:?}");
    }

    #[tokio::test]
    async fn a_steady_upload_earns_time() {
        // 1,000 bytes every 50 ms is 20 kB/s: above the 10 kB/s minimum, so it may run past
        // the 200 ms total.
        let steady = dripping(1_000, Duration::from_millis(50));
        let mut body = Deadline::new(Rc::new(RefCell::new(steady)), limits(200, 200, 10_000));
        let mut n = 0;
        while n < 20_000 {
            n += body.next().await.unwrap().unwrap().len();
        }
        assert!(body.started.elapsed() > Duration::from_millis(500));
    }

    #[test]
    fn only_our_timeout_counts() {
        assert!(is_timeout(&timed_out()));
        assert!(!is_timeout(&PayloadError::Incomplete(None)));
    }
}
