//! The little HTTP/1.1 the live preview needs: read a request's head, answer one of its own
//! routes, or 404. It serves nothing of the file system, so no path can reach a file.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// The most bytes of a request head it reads (request line and headers).
const HEAD_LIMIT: usize = 16 * 1024;

/// A request's method and path (without its query string).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Request {
    pub(crate) method: String,
    pub(crate) path: String,
}

/// Reads the head of one request; `None` for a connection that closes, times out or sends
/// something that is not an HTTP request head.
pub(crate) fn read_request(stream: &TcpStream) -> Option<Request> {
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    let mut reader = BufReader::new(stream.take(HEAD_LIMIT as u64));
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let target = parts.next()?;
    if !parts.next()?.starts_with("HTTP/1.") {
        return None;
    }
    // The rest of the head: read and dropped, up to the blank line.
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) => return None,
            Ok(_) if header == "\r\n" || header == "\n" => break,
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    let path = target.split(['?', '#']).next().unwrap_or("").to_owned();
    Some(Request { method, path })
}

/// Writes a whole response with a body, and closes it.
pub(crate) fn respond(
    mut stream: &TcpStream,
    status: &str,
    content_type: &str,
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// Starts a stream of server-sent events.
pub(crate) fn start_events(mut stream: &TcpStream) -> std::io::Result<()> {
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n",
    )?;
    stream.flush()
}

/// Sends one server-sent event; `data` may hold several lines.
pub(crate) fn send_event(mut stream: &TcpStream, event: &str, data: &str) -> std::io::Result<()> {
    let mut text = format!("event: {event}\n");
    for line in data.split('\n') {
        text.push_str("data: ");
        text.push_str(line);
        text.push('\n');
    }
    text.push('\n');
    stream.write_all(text.as_bytes())?;
    stream.flush()
}
