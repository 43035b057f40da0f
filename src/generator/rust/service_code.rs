//! `--grpc_out`'s service code: tonic-build's tokens, formatted once.
//!
//! tonic-prost-build's service generator builds each service's tokens with tonic-build, parses
//! them (syn 2), formats them (prettyplease 0.2) and hands prost-build the text, which prost-build
//! parses again (syn 3) and formats (prettyplease 0.3) with the rest of the module. Printing and
//! re-lexing keeps the syntax tree, and prettyplease's output is a function of the tree, so
//! parsing tonic-build's tokens straight into syn 3 and formatting them once with prettyplease
//! 0.3 gives the same bytes for a third of the work (a third of the whole `--grpc_out` run on
//! googleapis went into the two discarded rounds).
//!
//! [`Adapter`] is tonic-prost-build's `TonicBuildService` (private there): the same prost-build
//! service seen as a `tonic_build::Service`, with the same Rust types for requests and
//! responses. Where the round trip could change the tree or where tonic-prost-build would fail
//! (a comment with a carriage return, which the re-lexing rejects; a type that does not parse),
//! [`Pending`] keeps the services so that the package goes through tonic-prost-build itself,
//! and fails or formats exactly as it does.

use proc_macro2::TokenStream;
use prost_build::{Method, Service, ServiceGenerator};
use quote::{ToTokens, quote};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use std::rc::Rc;
use tonic_build::{Attributes, CodeGenBuilder};

/// tonic-prost-build's default `proto_path` (we offer no parameter for it).
const PROTO_PATH: &str = "super";

/// The tonic-prost-build options that shape service code.
pub struct Options {
    pub build_client: bool,
    pub build_server: bool,
    pub build_transport: bool,
    pub use_arc_self: bool,
    pub generate_default_stubs: bool,
    pub compile_well_known_types: bool,
    pub codec_path: String,
    pub disable_comments: HashSet<String>,
}

/// One package's services so far.
#[derive(Default)]
pub struct Pending {
    /// Every service, in prost-build's order, for [`Pending::slow`] packages.
    pub services: Vec<Service>,
    /// The services' code formatted, while every service took the token route.
    pub code: String,
    /// Some service needs tonic-prost-build's own route: the package's code is remade by it.
    pub slow: bool,
}

/// Service code per protobuf package.
pub type Packages = Rc<RefCell<BTreeMap<String, Pending>>>;

/// A prost-build service generator collecting service code per package into [`Packages`]
/// instead of the module buffer.
pub struct Capture {
    pub options: Rc<Options>,
    pub out: Packages,
}

impl ServiceGenerator for Capture {
    fn generate(&mut self, service: Service, _buf: &mut String) {
        let mut out = self.out.borrow_mut();
        let pending = out.entry(service.package.clone()).or_default();
        if !pending.slow {
            match items(&self.options, &service) {
                // prettyplease prints a file's items one after the other, each ending in a
                // hard break, so formatting them service by service is formatting the package
                // at once, without holding every service's syntax tree.
                Some(items) => pending.code.push_str(&prettyplease::unparse(&syn::File {
                    shebang: None,
                    frontmatter: None,
                    attrs: Vec::new(),
                    items,
                })),
                None => pending.slow = true,
            }
        }
        pending.services.push(service);
    }
}

/// The items of `service`'s tonic code, or `None` where tonic-prost-build's own route must
/// decide (see the module comment).
fn items(options: &Options, service: &Service) -> Option<Vec<syn::Item>> {
    let comments = service
        .comments
        .leading
        .iter()
        .chain(service.methods.iter().flat_map(|m| &m.comments.leading));
    if comments.into_iter().any(|c| c.contains('\r')) {
        return None;
    }
    let adapter = Adapter::new(service, options)?;
    let mut builder = CodeGenBuilder::new();
    builder
        .emit_package(true)
        .build_transport(options.build_transport)
        .compile_well_known_types(options.compile_well_known_types)
        .disable_comments(options.disable_comments.clone())
        .use_arc_self(options.use_arc_self)
        .generate_default_stubs(options.generate_default_stubs);
    let mut tokens = TokenStream::new();
    if options.build_client {
        builder.attributes(Attributes::default());
        tokens.extend(builder.generate_client(&adapter, PROTO_PATH));
    }
    if options.build_server {
        builder.attributes(Attributes::default());
        tokens.extend(builder.generate_server(&adapter, PROTO_PATH));
    }
    let file = syn::parse2::<syn::File>(tokens).ok()?;
    // Inner attributes would belong to the whole module once concatenated.
    (file.shebang.is_none() && file.frontmatter.is_none() && file.attrs.is_empty())
        .then_some(file.items)
}

/// A prost-build service as tonic-build sees it (tonic-prost-build's `TonicBuildService`).
struct Adapter<'a> {
    service: &'a Service,
    methods: Vec<AdaptedMethod<'a>>,
}

struct AdaptedMethod<'a> {
    method: &'a Method,
    codec_path: &'a str,
    /// The request and response types, resolved up front so that a type that does not parse
    /// sends the service down tonic-prost-build's route (which fails on it).
    types: (TokenStream, TokenStream),
}

impl<'a> Adapter<'a> {
    fn new(service: &'a Service, options: &'a Options) -> Option<Self> {
        let wkt = options.compile_well_known_types;
        let methods = service
            .methods
            .iter()
            .map(|method| {
                Some(AdaptedMethod {
                    method,
                    codec_path: &options.codec_path,
                    types: (
                        rust_type(&method.input_type, PROTO_PATH, wkt)?,
                        rust_type(&method.output_type, PROTO_PATH, wkt)?,
                    ),
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Adapter { service, methods })
    }
}

/// tonic-prost-build's `request_response_name` for one type, `None` where it would panic.
fn rust_type(ty: &str, proto_path: &str, compile_well_known_types: bool) -> Option<TokenStream> {
    let path = |s: String| {
        syn::parse_str::<syn::Path>(&s)
            .ok()
            .map(|p| p.to_token_stream())
    };
    if ty.starts_with(".google.protobuf") && !compile_well_known_types {
        match ty {
            ".google.protobuf.Empty" => Some(quote!(())),
            ".google.protobuf.Any" => Some(quote!(::prost_types::Any)),
            ".google.protobuf.StringValue" => Some(quote!(::prost::alloc::string::String)),
            _ => path(format!(
                "::prost_types::{}",
                ty.trim_start_matches(".google.protobuf.")
            )),
        }
    } else if ty.ends_with("()") || ty.starts_with("::") || ty.starts_with("crate::") {
        // `()` is the only non-path type of tonic-prost-build's default allow list.
        ty.parse::<TokenStream>().ok()
    } else {
        let rust = ty.replace('.', "::");
        path(format!("{proto_path}::{}", rust.trim_start_matches("::")))
    }
}

impl<'a> tonic_build::Service for Adapter<'a> {
    type Method = AdaptedMethod<'a>;
    type Comment = String;

    fn name(&self) -> &str {
        &self.service.name
    }

    fn package(&self) -> &str {
        &self.service.package
    }

    fn identifier(&self) -> &str {
        &self.service.proto_name
    }

    fn methods(&self) -> &[Self::Method] {
        &self.methods
    }

    fn comment(&self) -> &[Self::Comment] {
        &self.service.comments.leading
    }
}

impl tonic_build::Method for AdaptedMethod<'_> {
    type Comment = String;

    fn name(&self) -> &str {
        &self.method.name
    }

    fn identifier(&self) -> &str {
        &self.method.proto_name
    }

    fn codec_path(&self) -> &str {
        self.codec_path
    }

    fn client_streaming(&self) -> bool {
        self.method.client_streaming
    }

    fn server_streaming(&self) -> bool {
        self.method.server_streaming
    }

    fn comment(&self) -> &[Self::Comment] {
        &self.method.comments.leading
    }

    fn deprecated(&self) -> bool {
        self.method.options.deprecated()
    }

    /// Resolved in [`Adapter::new`] for tonic-build's only arguments, `PROTO_PATH` and the
    /// options' `compile_well_known_types`.
    fn request_response_name(&self, _: &str, _: bool) -> (TokenStream, TokenStream) {
        self.types.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use prost_build::Comments;

    fn options() -> Options {
        Options {
            build_client: true,
            build_server: true,
            build_transport: true,
            use_arc_self: false,
            generate_default_stubs: false,
            compile_well_known_types: false,
            codec_path: "tonic_prost::ProstCodec".to_string(),
            disable_comments: HashSet::new(),
        }
    }

    fn method(name: &str, input: &str, output: &str, streaming: bool) -> Method {
        Method {
            name: name.to_string(),
            proto_name: name.to_string(),
            comments: Comments {
                leading: vec![format!(" Calls {name}.")],
                ..Default::default()
            },
            input_type: input.to_string(),
            output_type: output.to_string(),
            input_proto_type: String::new(),
            output_proto_type: String::new(),
            options: Default::default(),
            client_streaming: streaming,
            server_streaming: streaming,
        }
    }

    fn service(name: &str, comment: &str) -> Service {
        Service {
            name: name.to_string(),
            proto_name: name.to_string(),
            package: "pkg.v1".to_string(),
            comments: Comments {
                leading: vec![comment.to_string()],
                ..Default::default()
            },
            methods: vec![
                method("get", "GetRequest", ".google.protobuf.Empty", false),
                method("watch", "super::other::Event", "Event", true),
            ],
            options: Default::default(),
        }
    }

    /// What prost-build makes of tonic-prost-build's text for the services.
    fn reference(services: &[Service]) -> String {
        let mut tonic = tonic_prost_build::configure().service_generator();
        let mut text = String::new();
        for s in services {
            tonic.generate(s.clone(), &mut text);
        }
        prettyplease::unparse(&syn::parse_file(&text).expect("tonic's text parses"))
    }

    fn captured(services: &[Service]) -> Pending {
        let out = Packages::default();
        let mut capture = Capture {
            options: Rc::new(options()),
            out: Rc::clone(&out),
        };
        for s in services {
            capture.generate(s.clone(), &mut String::new());
        }
        out.take().remove("pkg.v1").expect("one package")
    }

    #[test]
    fn tokens_formatted_once_equal_tonic_prost_builds_text_reformatted() {
        let services = [service("Alpha", " The first."), service("Beta", "")];
        let pending = captured(&services);
        assert!(!pending.slow);
        assert_eq!(pending.services.len(), 2);
        assert!(pending.code.contains("pub mod alpha_client {"));
        assert_eq!(pending.code, reference(&services));
    }

    #[test]
    fn a_carriage_return_in_a_comment_takes_tonic_prost_builds_route() {
        let pending = captured(&[service("Alpha", " line\r")]);
        assert!(pending.slow);
        assert!(pending.code.is_empty());
    }

    #[test]
    fn request_and_response_types_as_tonic_prost_build_names_them() {
        let ty = |t: &str, wkt: bool| rust_type(t, PROTO_PATH, wkt).map(|t| t.to_string());
        assert_eq!(ty(".google.protobuf.Empty", false).as_deref(), Some("()"));
        assert_eq!(
            ty(".google.protobuf.Timestamp", false).as_deref(),
            Some(":: prost_types :: Timestamp")
        );
        assert_eq!(
            ty(".google.protobuf.Timestamp", true).as_deref(),
            Some("super :: google :: protobuf :: Timestamp")
        );
        assert_eq!(ty("Foo", false).as_deref(), Some("super :: Foo"));
        assert_eq!(ty("::ext::Foo", false).as_deref(), Some(":: ext :: Foo"));
        // Not a path: tonic-prost-build panics, so its own route reports it.
        assert_eq!(ty("Foo Bar", false), None);
    }
}
