//! Serves both services on 127.0.0.1 and calls them with the generated clients: a unary and a
//! server-streaming proto3 call and an editions call whose reply uses explicit presence, a
//! closed enum and a delimited message. Prints `build-helper demo: OK ...` or fails.

use std::pin::Pin;

use build_helper_example::hello::v1::greeter_client::GreeterClient;
use build_helper_example::hello::v1::greeter_server::{Greeter, GreeterServer};
use build_helper_example::hello::v1::{HelloReply, HelloRequest};
use build_helper_example::stock::v1::check_reply::Detail;
use build_helper_example::stock::v1::stock_client::StockClient;
use build_helper_example::stock::v1::stock_server::{Stock, StockServer};
use build_helper_example::stock::v1::{CheckReply, CheckRequest, Level};
use tokio_stream::{Stream, StreamExt};
use tonic::{Request, Response, Status};

type ReplyStream = Pin<Box<dyn Stream<Item = Result<HelloReply, Status>> + Send>>;

struct Server;

fn reply(name: &str, i: i32) -> HelloReply {
    HelloReply {
        message: format!("Hello, {name} #{i}!"),
        at: Some(prost_types::Timestamp {
            seconds: 1_700_000_000 + i64::from(i),
            nanos: 0,
        }),
    }
}

#[tonic::async_trait]
impl Greeter for Server {
    async fn say_hello(&self, r: Request<HelloRequest>) -> Result<Response<HelloReply>, Status> {
        Ok(Response::new(reply(&r.into_inner().name, 0)))
    }

    type SayHellosStream = ReplyStream;

    async fn say_hellos(&self, r: Request<HelloRequest>) -> Result<Response<ReplyStream>, Status> {
        let r = r.into_inner();
        let items: Vec<_> = (0..r.count).map(|i| Ok(reply(&r.name, i))).collect();
        Ok(Response::new(Box::pin(tokio_stream::iter(items))))
    }
}

#[tonic::async_trait]
impl Stock for Server {
    async fn check(&self, r: Request<CheckRequest>) -> Result<Response<CheckReply>, Status> {
        let r = r.into_inner();
        Ok(Response::new(CheckReply {
            // Explicit presence (the file's default): `Option`s.
            available: Some(r.wanted * 2),
            level: Some(Level::High as i32),
            detail: Some(Detail {
                warehouse: Some(format!("{}-A", r.sku.unwrap_or_default())),
            }),
            note: Some(reply("stock", 1)),
        }))
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let incoming = tokio_stream::wrappers::TcpListenerStream::new(listener);
    let server = tokio::spawn(
        tonic::transport::Server::builder()
            .add_service(GreeterServer::new(Server))
            .add_service(StockServer::new(Server))
            .serve_with_incoming(incoming),
    );
    let url = format!("http://{addr}");
    let mut greeter = GreeterClient::connect(url.clone()).await?;
    let one = greeter
        .say_hello(HelloRequest {
            name: "ada".into(),
            count: 0,
        })
        .await?
        .into_inner();
    assert_eq!(one.message, "Hello, ada #0!");
    let mut stream = greeter
        .say_hellos(HelloRequest {
            name: "bob".into(),
            count: 3,
        })
        .await?
        .into_inner();
    let mut n = 0;
    while let Some(r) = stream.next().await {
        assert_eq!(r?.message, format!("Hello, bob #{n}!"));
        n += 1;
    }
    assert_eq!(n, 3);
    let mut stock = StockClient::connect(url).await?;
    let checked = stock
        .check(CheckRequest {
            sku: Some("tea".into()),
            wanted: 21,
        })
        .await?
        .into_inner();
    assert_eq!(checked.available, Some(42));
    assert_eq!(checked.level(), Level::High);
    assert_eq!(
        checked.detail.and_then(|d| d.warehouse).as_deref(),
        Some("tea-A")
    );
    server.abort();
    println!(
        "build-helper demo: OK (proto3 unary + {n} streamed replies, editions 2023 call over {addr})"
    );
    Ok(())
}
