//! A minimal OpenAI-compatible chat-completions server on loopback, for tests that run the binary against a live
//! endpoint: it answers every request the same way (a chat completion, an HTTP error, an HTML page, silence, or an
//! answer that echoes the request's key) and counts what it was asked.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How the server answers.
#[derive(Debug, Clone)]
pub enum Behaviour {
    /// A chat completion whose content is this text.
    Answer(String),
    /// This status, content type and body.
    Http(u16, &'static str, String),
    /// Reads the request and never answers.
    Hang,
    /// A chat completion whose content is a finding that quotes the request's `Authorization` header.
    EchoKey,
}

pub struct Server {
    pub base_url: String,
    requests: Arc<AtomicUsize>,
}

impl Server {
    /// Starts a server whose answers carry `findings_json` (the `{"findings": [...]}` document) as content.
    pub fn start(findings_json: &str) -> Server {
        Server::with(Behaviour::Answer(findings_json.to_string()))
    }

    pub fn with(behaviour: Behaviour) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base_url = format!("http://{}/v1", listener.local_addr().unwrap());
        let requests = Arc::new(AtomicUsize::new(0));
        let counter = requests.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let counter = counter.clone();
                let behaviour = behaviour.clone();
                std::thread::spawn(move || answer(stream, &behaviour, &counter));
            }
        });
        Server { base_url, requests }
    }

    /// A base URL where nothing listens (connections are refused).
    pub fn refusing() -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/v1", listener.local_addr().unwrap());
        drop(listener);
        url
    }

    /// Requests received so far.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

fn answer(mut stream: std::net::TcpStream, behaviour: &Behaviour, counter: &AtomicUsize) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut length = 0;
    let mut authorization = String::new();
    let mut line = String::new();
    while reader.read_line(&mut line).unwrap_or(0) > 0 && line != "\r\n" {
        let lower = line.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
        if lower.starts_with("authorization:") {
            authorization = line["authorization:".len()..].trim().to_string();
        }
        line.clear();
    }
    let mut request = vec![0; length];
    let _ = reader.read_exact(&mut request);
    counter.fetch_add(1, Ordering::SeqCst);
    let (status, content_type, body) = match behaviour {
        Behaviour::Answer(content) => (200, "application/json", completion(content)),
        Behaviour::Http(status, content_type, body) => (*status, *content_type, body.clone()),
        Behaviour::Hang => {
            std::thread::sleep(std::time::Duration::from_secs(30));
            return;
        }
        Behaviour::EchoKey => {
            let content = serde_json::json!({"findings": [{
                "file": "internal/api/handler.go", "start_line": 16, "end_line": 28, "priority": "P1",
                "category": "concurrency", "title": format!("Lock held (you sent {authorization})"),
                "why": format!("The header was: {authorization}"), "fix": "f"}]})
            .to_string();
            (200, "application/json", completion(&content))
        }
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status} X\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
}

fn completion(content: &str) -> String {
    serde_json::json!({
        "id": "chatcmpl-test", "object": "chat.completion", "created": 0, "model": "test-model",
        "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120}
    })
    .to_string()
}
