//! The demo server of `.ci/run`: a tonic Greeter built from protoc-rs `--rust_out`/`--grpc_out`
//! output (testdata/rust/demo/greeter.proto), answered to by the Python grpcio client.
//!
//! Usage: `greeter [SECONDS]`: listens on 127.0.0.1 with an ephemeral port, prints
//! `listening 127.0.0.1:PORT` on stdout, and exits after SECONDS (default 60).

use rust_compile::greeter::demo::greeter::greeter_server::{Greeter, GreeterServer};
use rust_compile::greeter::demo::greeter::{HelloReply, HelloRequest};
use std::pin::Pin;
use tokio_stream::{Stream, StreamExt};
use tonic::{Request, Response, Status, Streaming};

type ReplyStream = Pin<Box<dyn Stream<Item = Result<HelloReply, Status>> + Send>>;

struct Server;

fn reply(name: &str, index: i32) -> HelloReply {
    HelloReply {
        message: format!("Hello, {name}!"),
        index,
    }
}

#[tonic::async_trait]
impl Greeter for Server {
    async fn say_hello(&self, r: Request<HelloRequest>) -> Result<Response<HelloReply>, Status> {
        let r = r.into_inner();
        if r.name.is_empty() {
            return Err(Status::invalid_argument("name is empty"));
        }
        Ok(Response::new(reply(&r.name, 0)))
    }

    type SayHellosStream = ReplyStream;

    async fn say_hellos(&self, r: Request<HelloRequest>) -> Result<Response<ReplyStream>, Status> {
        let r = r.into_inner();
        let items: Vec<_> = (0..r.count).map(|i| Ok(reply(&r.name, i))).collect();
        Ok(Response::new(Box::pin(tokio_stream::iter(items))))
    }

    async fn greet_all(
        &self,
        r: Request<Streaming<HelloRequest>>,
    ) -> Result<Response<HelloReply>, Status> {
        let mut s = r.into_inner();
        let mut names = Vec::new();
        while let Some(m) = s.next().await {
            names.push(m?.name);
        }
        Ok(Response::new(reply(&names.join(", "), names.len() as i32)))
    }

    type ChatStream = ReplyStream;

    async fn chat(
        &self,
        r: Request<Streaming<HelloRequest>>,
    ) -> Result<Response<ReplyStream>, Status> {
        let s = r.into_inner();
        let out = s.map(|m| m.map(|m| reply(&m.name, m.count)));
        Ok(Response::new(Box::pin(out)))
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let secs: u64 = std::env::args()
        .nth(1)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(60);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    println!("listening {}", listener.local_addr()?);
    let incoming = tokio_stream::wrappers::TcpListenerStream::new(listener);
    tonic::transport::Server::builder()
        .add_service(GreeterServer::new(Server))
        .serve_with_incoming_shutdown(
            incoming,
            tokio::time::sleep(std::time::Duration::from_secs(secs)),
        )
        .await?;
    Ok(())
}
