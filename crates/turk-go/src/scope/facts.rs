//! What the scope ranking learns about one file in the analyzer's one walk: the functions it declares, the calls
//! it makes (each with whether it runs in a loop, in a goroutine or in a request handler), its loops, and the
//! signs of what kind of code it is. The cross-file pass (`calls.rs`) joins the files' calls to their
//! declarations by name.
//!
//! The walk is the hottest loop of the scan, so this costs little per node: the collector keeps a stack of the
//! functions and loops enclosing the current node (popped by byte offsets, since the walk visits nodes in source
//! order), records one small entry per distinct call, and interns called names per file.

use super::signals::{self, CallSign, Signals};
use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName, each_child};
use crate::rule::Call;
use std::collections::HashMap;
use tree_sitter::Node;

/// `CallSite::caller` of a call outside any function (a package-level initialiser).
pub const NO_FUNCTION: u32 = u32::MAX;
/// `CallSite::loop_index` of a call outside any loop of its function.
pub const NO_LOOP: u16 = u16::MAX;
/// `CallSite::invoker` of a call that is not in a func literal handed to another call.
pub const NO_INVOKER: u32 = u32::MAX;

/// The call runs once per iteration of a loop of its function.
pub const IN_LOOP: u16 = 1;
/// The call runs in a goroutine body (a `go func() {...}()` literal or a `g.Go(func...)`).
pub const IN_GOROUTINE: u16 = 2;
/// The call runs in a request handler (a function with the `http.HandlerFunc` shape, or a literal registered
/// as a route).
pub const IN_HANDLER: u16 = 4;
/// `go f(x)`, `g.Go(f)`, `time.AfterFunc(d, f)`: the callee runs as a goroutine of its own.
pub const STARTS_GOROUTINE: u16 = 8;
/// Not a call: the function is handed over as a value (a handler registered on a route, a message handler).
pub const REFERENCE: u16 = 16;
/// The reference is registered as a request handler (`mux.HandleFunc("/x", h.list)`).
pub const REGISTERED_HANDLER: u16 = 32;
/// The reference is registered as a message handler (`nc.Subscribe(subject, h.onMsg)`).
pub const REGISTERED_MESSAGE_HANDLER: u16 = 64;
/// A method called on a parameter of a standard-library type (`r.URL.Query().Get` with `r *http.Request`):
/// not one of the module's methods, whatever its name.
pub const STD_RECEIVER: u16 = 128;
/// The handler is registered on an operations route (`/healthz`, `/metrics`, `/debug/pprof`): not a hot path.
pub const OPERATIONS_ROUTE: u16 = 256;
/// The call is on an error path: in an `if err != nil { ... }` block. It runs when things fail, not per
/// request or per item, and passes no heat on.
pub const COLD: u16 = 512;

/// What one file contributes to the scope ranking.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct FileFacts {
    /// The package name.
    pub package: String,
    /// The first sentence of the package's doc comment in this file; empty when it has none.
    pub doc: String,
    /// The file's import paths, sorted (`Target::Import` and `ThirdParty::import` index this).
    pub imports: Vec<String>,
    /// Top-level functions and methods, in source order.
    pub functions: Vec<Function>,
    /// Every loop, in source order.
    pub loops: Vec<Loop>,
    /// Distinct calls (and handed-over functions), by caller, name, target and context.
    pub calls: Vec<CallSite>,
    /// Called names; `CallSite::name` indexes this.
    pub names: Vec<Box<str>>,
    pub signals: Signals,
    /// Uses of third-party packages that may be service clients, by import (`Target::Import` index).
    pub third_party: Vec<ThirdParty>,
    /// Method calls that read like a service client's (`s.client.UploadBuffer`, `sess.Send`), counted when the
    /// file uses a third-party SDK.
    pub client_calls: u32,
    pub client_calls_in_handlers: u32,
    /// Struct fields and the name of their type (`orders *store.Postgres` → `orders`, `Postgres`), as indexes
    /// into `names`: a method called on `h.orders` is one of `Postgres`'s.
    pub fields: Vec<(u32, u32)>,
    /// Interface types declared in the file (into `names`): a method called on one may be any type's.
    pub interfaces: Vec<u32>,
    /// The calls that func literals are handed to (`st.HandleStreams(func(s *Stream) {...})`):
    /// `CallSite::invoker` indexes this. The literal runs when, and as often as, that call's callee runs it.
    pub invokers: Vec<Invoker>,
    /// Lines of func literals that are request handlers (`http.HandlerFunc(func(w, r) {...})` in a middleware):
    /// code there runs per request though no declared function is a handler.
    pub handler_literals: Vec<(u32, u32)>,
}

/// A function or method declared at the top level of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Function {
    pub name: Box<str>,
    /// The receiver's type name for a method (`Pool` of `func (p *Pool) Start()`); empty for a function.
    pub receiver: Box<str>,
    pub start_line: u32,
    pub end_line: u32,
    /// It has the `http.HandlerFunc` shape.
    pub handler: bool,
    /// It serves an operations endpoint (it is a handler in a monitoring, health or debug file).
    pub operations: bool,
    /// It is a handler that takes its connection over (`Hijack`, a WebSocket `Upgrade`): it runs per connection.
    pub upgrades: bool,
    /// It runs a function it is given in a goroutine (`go f()` with `f` a parameter): what a func literal
    /// handed to it does, it does in a goroutine of its own.
    pub spawns_callback: bool,
}

impl Function {
    /// `Name`, or `Type.Name` for a method.
    pub fn display_name(&self) -> String {
        if self.receiver.is_empty() {
            self.name.to_string()
        } else {
            format!("{}.{}", self.receiver, self.name)
        }
    }
}

/// A loop, and what runs in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loop {
    /// The loop of the same function around this one, or [`NO_LOOP`]: a loop inside a message loop runs per
    /// message too.
    pub parent: u16,
    /// A message, frame or line is read per iteration.
    pub message: bool,
    /// A connection is accepted per iteration.
    pub accept: bool,
    /// It waits in a `select` or runs in a goroutine body: a worker or event loop.
    pub worker: bool,
}

/// A call a func literal is handed to, named as a call site names its callee.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invoker {
    /// Index into `FileFacts::names`.
    pub name: u32,
    pub target: Target,
    pub receiver: Receiver,
    /// `STD_RECEIVER` when the call is on a standard-library value.
    pub flags: u16,
}

/// What is known of a method call's receiver (names are indexes into `FileFacts::names`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Receiver {
    Unknown,
    /// The name of its type.
    Type(u32),
    /// The name of the struct field it is.
    Field(u32),
}

/// How the called function is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// `f(x)`: a function of the same package (or a local func value).
    Local,
    /// `pkg.F(x)`: a function of an imported package, by index into `FileFacts::imports`.
    Import(u16),
    /// `x.M(...)`: a method of some type.
    Method,
}

/// One distinct call from one function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct CallSite {
    /// Index into `FileFacts::functions`, or [`NO_FUNCTION`].
    pub caller: u32,
    /// Index into `FileFacts::names`.
    pub name: u32,
    pub target: Target,
    /// `IN_LOOP`, `IN_GOROUTINE`, ...
    pub flags: u16,
    /// For a method call: the receiver's type when the file says it (`p` of `func (p *Pool)`, a parameter
    /// `c *Cache`), else the field the receiver is (`orders` of `h.orders.Get`).
    pub receiver: Receiver,
    /// The innermost loop of the caller around the call (index into `FileFacts::loops`), or [`NO_LOOP`].
    pub loop_index: u16,
    /// The call the enclosing func literal is handed to (index into `FileFacts::invokers`), or
    /// [`NO_INVOKER`].
    pub invoker: u32,
    /// The first line of the call (of the first such call, when the caller repeats it).
    pub line: u32,
}

/// Calls of one third-party package that may be a service's client.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ThirdParty {
    /// Index into `FileFacts::imports`.
    pub import: u16,
    /// Package functions called: constructors (`azblob.NewClient`), `Dial`, `Connect`, and the rest.
    pub constructors: u32,
    pub constructors_in_loops: u32,
    pub calls: u32,
    pub in_handlers: u32,
    /// Types of the package named in the file (`*azblob.Client`).
    pub types: u32,
}

/// What the walk hands the collector, besides calls (see [`KINDS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fact {
    Function,
    FuncLiteral,
    Loop,
    Go,
    Select,
    If,
    ShortVar,
    QualifiedType,
    Field,
    TypeSpec,
    /// Index expressions, rune literals, bit operators: the stuff of byte-level loops.
    Kernel,
}

/// The node kinds the collector is handed, besides calls.
pub(crate) const KINDS: &[(&str, Fact)] = &[
    ("function_declaration", Fact::Function),
    ("method_declaration", Fact::Function),
    ("func_literal", Fact::FuncLiteral),
    ("for_statement", Fact::Loop),
    ("go_statement", Fact::Go),
    ("select_statement", Fact::Select),
    ("if_statement", Fact::If),
    ("short_var_declaration", Fact::ShortVar),
    ("qualified_type", Fact::QualifiedType),
    ("field_declaration", Fact::Field),
    ("type_spec", Fact::TypeSpec),
    ("index_expression", Fact::Kernel),
    ("rune_literal", Fact::Kernel),
    ("binary_expression", Fact::Kernel),
];

/// Weight of the byte-level signs a loop needs to count as a kernel loop.
const KERNEL_LOOP: u16 = 4;

/// An enclosing function, loop body or error branch, from the byte where it starts to the byte where it ends.
/// A loop's or a branch's frame is pushed at its statement, before the header or condition is walked: those
/// are before `start`, and not in it.
struct Frame<'a> {
    start: usize,
    end: usize,
    kind: FrameKind<'a>,
}

enum FrameKind<'a> {
    Function(FunctionFrame<'a>),
    Loop {
        index: u16,
        kernel: u16,
    },
    /// An error branch: `if err != nil { ... }`.
    Cold,
}

struct FunctionFrame<'a> {
    /// The declaration the calls are attributed to (a literal's enclosing declaration).
    caller: u32,
    handler: bool,
    goroutine: bool,
    locks: bool,
    writes: bool,
    /// Parameters of a standard-library type (`w http.ResponseWriter`, `b *strings.Builder`) and variables
    /// set from a standard-library call (`t := time.NewTimer(d)`).
    std_params: Vec<&'a str>,
    /// The receiver and parameters of other named types, with the type's name (`p` → `Pool`).
    typed_params: Vec<(&'a str, &'a str)>,
    /// Parameters of a function type: callbacks it may run.
    callback_params: Vec<&'a str>,
    /// For a literal handed to a call: that call (index into `FileFacts::invokers`), else [`NO_INVOKER`].
    invoker: u32,
}

/// Collects a file's [`FileFacts`] during the analyzer's walk.
pub(crate) struct Collector<'a> {
    /// Test files are never ranked and their calls make nothing hot.
    enabled: bool,
    /// The file serves operations endpoints (monitoring, health, debugging): its handlers are not hot paths.
    operations: bool,
    /// The file imports a database driver or client: `Query` and `Exec` calls are queries.
    database: bool,
    facts: FileFacts,
    names: HashMap<&'a str, u32>,
    frames: Vec<Frame<'a>>,
    /// The call a `go` statement starts, the func literal it runs, and literals registered as handlers or run
    /// by `g.Go`: all found at their parent before the walk reaches them.
    go_call: Option<usize>,
    goroutine_literal: Option<usize>,
    handler_literal: Option<usize>,
    uses_third_party: bool,
}

impl<'a> Collector<'a> {
    pub fn new(cx: &FileContext<'a>) -> Self {
        let mut facts = FileFacts {
            package: cx.package.to_string(),
            ..FileFacts::default()
        };
        let enabled = !cx.is_test;
        if enabled {
            facts.doc = package_doc(cx.src);
            let mut imports: Vec<String> = cx.imports.paths().map(str::to_string).collect();
            // Sorted, so that the facts (and what is derived from them) do not depend on hash order.
            imports.sort_unstable();
            imports.dedup();
            facts.signals.imports_testing = u32::from(imports.iter().any(|p| p == "testing"));
            facts.imports = imports;
        }
        Collector {
            enabled,
            operations: signals::is_operations_file(cx.path),
            database: facts.imports.iter().any(|p| signals::is_database(p)),
            facts,
            names: HashMap::new(),
            frames: Vec::with_capacity(16),
            go_call: None,
            goroutine_literal: None,
            handler_literal: None,
            uses_third_party: false,
        }
    }

    /// Leaves the functions and loops that end before `at`.
    fn pop(&mut self, at: usize) {
        while self.frames.last().is_some_and(|f| f.end <= at) {
            let frame = self.frames.pop().expect("checked above");
            self.close(frame);
        }
    }

    fn close(&mut self, frame: Frame<'a>) {
        let signals = &mut self.facts.signals;
        match frame.kind {
            FrameKind::Function(f) => signals.writer_locks += u32::from(f.locks && f.writes),
            FrameKind::Loop { index, kernel } => {
                let facts = self.facts.loops[usize::from(index)];
                signals.read_loops += u32::from(facts.message);
                signals.worker_loops += u32::from(facts.worker);
                signals.kernel_loops += u32::from(kernel >= KERNEL_LOOP);
                signals.kernel_max = signals.kernel_max.max(u32::from(kernel));
            }
            FrameKind::Cold => {}
        }
    }

    fn innermost_function(&mut self) -> Option<&mut FunctionFrame<'a>> {
        self.frames.iter_mut().rev().find_map(|f| match &mut f.kind {
            FrameKind::Function(function) => Some(function),
            FrameKind::Loop { .. } | FrameKind::Cold => None,
        })
    }

    /// The innermost loop body of the current function that holds the byte `at`, if any.
    fn current_loop(&mut self, at: usize) -> Option<(&mut u16, u16)> {
        for frame in self.frames.iter_mut().rev().filter(|f| f.start <= at) {
            match &mut frame.kind {
                FrameKind::Loop { index, kernel } => return Some((kernel, *index)),
                FrameKind::Cold => {}
                FrameKind::Function(_) => return None,
            }
        }
        None
    }

    /// The caller, flags, innermost loop and invoker of a call at the byte `at`.
    fn context(&self, at: usize) -> (u32, u16, u16, u32) {
        let mut caller = NO_FUNCTION;
        let mut flags = 0;
        let mut loop_index = NO_LOOP;
        let mut invoker = NO_INVOKER;
        let mut in_own_function = true;
        for frame in self.frames.iter().rev().filter(|f| f.start <= at) {
            match &frame.kind {
                FrameKind::Loop { index, .. } if in_own_function => {
                    if loop_index == NO_LOOP {
                        loop_index = *index;
                    }
                    flags |= IN_LOOP;
                }
                FrameKind::Loop { .. } => {}
                FrameKind::Cold if in_own_function => flags |= COLD,
                FrameKind::Cold => {}
                FrameKind::Function(f) => {
                    if caller == NO_FUNCTION {
                        caller = f.caller;
                        invoker = f.invoker;
                    }
                    in_own_function = false;
                    if f.handler {
                        flags |= IN_HANDLER;
                    }
                    if f.goroutine {
                        flags |= IN_GOROUTINE;
                    }
                }
            }
        }
        (caller, flags, loop_index, invoker)
    }

    /// A node of one of the [`KINDS`].
    pub fn node(&mut self, fact: Fact, node: Node<'a>, cx: &FileContext<'a>) {
        if !self.enabled {
            return;
        }
        self.pop(node.start_byte());
        match fact {
            Fact::Function => self.function(node, cx),
            Fact::FuncLiteral => {
                let id = Some(node.id());
                let goroutine = self.goroutine_literal == id;
                let handler = !self.operations && (self.handler_literal == id || cx.is_http_handler(node));
                self.facts.signals.http_handlers += u32::from(handler);
                if handler {
                    self.facts
                        .handler_literals
                        .push((line_of(node), node.end_position().row as u32 + 1));
                }
                let caller = self.innermost_function().map_or(NO_FUNCTION, |f| f.caller);
                let params = params(node, cx);
                let invoker = if goroutine || handler {
                    NO_INVOKER
                } else {
                    self.invoker_of(node, cx)
                };
                self.frames.push(Frame {
                    start: node.start_byte(),
                    end: node.end_byte(),
                    kind: FrameKind::Function(FunctionFrame {
                        caller,
                        handler,
                        goroutine,
                        locks: false,
                        writes: false,
                        std_params: params.standard,
                        typed_params: params.typed,
                        callback_params: params.callbacks,
                        invoker,
                    }),
                });
            }
            Fact::Loop => {
                let Ok(index) = u16::try_from(self.facts.loops.len()) else {
                    return;
                };
                let in_goroutine = self.innermost_function().is_some_and(|f| f.goroutine);
                let parent = self
                    .current_loop(node.start_byte())
                    .map_or(NO_LOOP, |(_, index)| index);
                self.facts.loops.push(Loop {
                    parent,
                    message: false,
                    accept: false,
                    worker: in_goroutine,
                });
                let body = node.field("body").unwrap_or(node);
                self.frames.push(Frame {
                    start: body.start_byte(),
                    end: body.end_byte(),
                    kind: FrameKind::Loop { index, kernel: 0 },
                });
            }
            Fact::Go => {
                if self.current_loop(node.start_byte()).is_some() {
                    self.facts.signals.goroutines_in_loops += 1;
                }
                if let Some(call) = node.named_child(0).filter(|c| c.kind_name() == "call_expression") {
                    self.go_call = Some(call.id());
                    if let Some(function) = call.field("function")
                        && function.kind_name() == "func_literal"
                    {
                        self.goroutine_literal = Some(function.id());
                    }
                }
            }
            Fact::Select => {
                if let Some((_, index)) = self.current_loop(node.start_byte()) {
                    self.facts.loops[usize::from(index)].worker = true;
                }
            }
            Fact::If => {
                if let Some(block) = error_branch(node, cx) {
                    self.frames.push(Frame {
                        start: block.start_byte(),
                        end: block.end_byte(),
                        kind: FrameKind::Cold,
                    });
                }
            }
            Fact::ShortVar => self.std_variables(node, cx),
            Fact::QualifiedType => self.qualified_type(node, cx),
            Fact::Field => {
                let Some(ty) = node.field("type") else {
                    return;
                };
                if ty.kind_name() == "map_type" {
                    self.facts.signals.map_fields += 1;
                }
                if let Some(type_name) = type_name(ty, cx) {
                    let type_name = self.intern(type_name);
                    let mut cursor = node.walk();
                    let fields: Vec<&'a str> = node
                        .children_by_field_name("name", &mut cursor)
                        .map(|n| cx.text(n))
                        .collect();
                    for field in fields {
                        let field = self.intern(field);
                        self.facts.fields.push((field, type_name));
                    }
                }
            }
            Fact::TypeSpec => {
                let Some(name) = node.field("name") else {
                    return;
                };
                let name = cx.text(name);
                let lower = name.to_ascii_lowercase();
                if ["cache", "lru", "memo"].iter().any(|w| lower.contains(w)) {
                    self.facts.signals.cache_types += 1;
                }
                if node
                    .field("type")
                    .is_some_and(|t| t.kind_name() == "interface_type")
                {
                    let name = self.intern(name);
                    self.facts.interfaces.push(name);
                }
            }
            Fact::Kernel => {
                let Some((kernel, _)) = self.current_loop(node.start_byte()) else {
                    return;
                };
                *kernel = kernel.saturating_add(match node.kind_name() {
                    "rune_literal" => 2,
                    "binary_expression" => {
                        let bitwise = node
                            .child(1)
                            .is_some_and(|op| matches!(op.kind_name(), "<<" | ">>" | "^" | "&" | "|" | "&^"));
                        if bitwise { 2 } else { 0 }
                    }
                    _ => 1,
                });
            }
        }
    }

    fn function(&mut self, node: Node<'a>, cx: &FileContext<'a>) {
        let Ok(index) = u32::try_from(self.facts.functions.len()) else {
            return;
        };
        let name = node.field("name").map_or("", |n| cx.text(n));
        let receiver = node
            .field("receiver")
            .and_then(|list| receiver_type(list, cx))
            .unwrap_or("");
        let handler = cx.is_http_handler(node);
        let params = params(node, cx);
        let signals = &mut self.facts.signals;
        if self.operations {
            signals.operations_handlers += u32::from(handler);
        } else {
            signals.http_handlers += u32::from(handler);
        }
        signals.main_func += u32::from(name == "main" && receiver.is_empty() && cx.package == "main");
        self.facts.functions.push(Function {
            name: name.into(),
            receiver: receiver.into(),
            start_line: line_of(node),
            end_line: node.end_position().row as u32 + 1,
            handler: handler && !self.operations,
            operations: handler && self.operations,
            spawns_callback: false,
            upgrades: false,
        });
        self.frames.push(Frame {
            start: node.start_byte(),
            end: node.end_byte(),
            kind: FrameKind::Function(FunctionFrame {
                caller: index,
                handler: handler && !self.operations,
                goroutine: false,
                locks: false,
                writes: false,
                std_params: params.standard,
                typed_params: params.typed,
                callback_params: params.callbacks,
                invoker: NO_INVOKER,
            }),
        });
    }

    /// The call a func literal is an argument of, as an invoker: `HandleStreams` of
    /// `st.HandleStreams(func(s *Stream) {...})`. Asked of literals only, which are few: a node's parent costs
    /// a descent from the root.
    fn invoker_of(&mut self, literal: Node<'a>, cx: &FileContext<'a>) -> u32 {
        let Some(call) = literal
            .parent()
            .filter(|p| p.kind_name() == "argument_list")
            .and_then(|args| args.parent())
            .and_then(Call::of)
        else {
            return NO_INVOKER;
        };
        let name = self.intern(cx.text(call.name));
        let (target, receiver, flags) = match call.recv {
            None => (Target::Local, Receiver::Unknown, 0),
            Some(recv) => match (recv.kind_name() == "identifier")
                .then(|| cx.imports.path_of(cx.text(recv)))
                .flatten()
            {
                Some(path) => (Target::Import(self.import_index(path)), Receiver::Unknown, 0),
                None => {
                    let std = root_name(recv, cx).is_some_and(|root| self.is_std_value(root, cx));
                    (
                        Target::Method,
                        self.receiver_of(recv, cx),
                        if std { STD_RECEIVER } else { 0 },
                    )
                }
            },
        };
        self.facts.invokers.push(Invoker {
            name,
            target,
            receiver,
            flags,
        });
        (self.facts.invokers.len() - 1) as u32
    }

    fn qualified_type(&mut self, node: Node<'a>, cx: &FileContext<'a>) {
        let (Some(package), Some(name)) = (node.field("package"), node.field("name")) else {
            return;
        };
        let Some(path) = cx.imports.path_of(cx.text(package)) else {
            return;
        };
        self.facts.signals.qualified_type(path, cx.text(name));
        if signals::is_sdk(path) {
            let import = self.import_index(path);
            self.third_party(import).types += 1;
        }
    }

    fn import_index(&mut self, path: &str) -> u16 {
        let imports = &self.facts.imports;
        let found = imports
            .binary_search_by(|p| p.as_str().cmp(path))
            .ok()
            .or_else(|| imports.iter().position(|p| p == path));
        match found {
            Some(i) => i as u16,
            None => {
                self.facts.imports.push(path.to_string());
                (self.facts.imports.len() - 1) as u16
            }
        }
    }

    fn third_party(&mut self, import: u16) -> &mut ThirdParty {
        self.uses_third_party = true;
        let list = &mut self.facts.third_party;
        match list.iter().position(|t| t.import == import) {
            Some(i) => &mut list[i],
            None => {
                list.push(ThirdParty {
                    import,
                    ..ThirdParty::default()
                });
                list.last_mut().expect("just pushed")
            }
        }
    }

    fn intern(&mut self, name: &'a str) -> u32 {
        let next = self.facts.names.len() as u32;
        *self.names.entry(name).or_insert_with(|| {
            self.facts.names.push(name.into());
            next
        })
    }

    /// A call, taken apart once by the analyzer.
    pub fn call(&mut self, call: &Call<'a>, cx: &FileContext<'a>) {
        if !self.enabled {
            return;
        }
        let node = call.node;
        self.pop(node.start_byte());
        let (caller, mut flags, loop_index, invoker) = self.context(node.start_byte());
        let name = cx.text(call.name);
        let path = call
            .recv
            .filter(|r| r.kind_name() == "identifier")
            .and_then(|r| cx.imports.path_of(cx.text(r)));
        let target = match (call.recv, path) {
            (None, _) => Target::Local,
            (Some(_), Some(path)) => Target::Import(self.import_index(path)),
            (Some(_), None) => Target::Method,
        };
        let receiver = call.recv.and_then(|r| last_name(r, cx));
        let in_loop = flags & IN_LOOP != 0;
        let in_handler = flags & IN_HANDLER != 0;
        self.facts.signals.call(&CallSign {
            path,
            name,
            receiver,
            in_loop,
            in_handler,
            database: self.database,
        });
        if path.is_some_and(signals::is_sdk) {
            let constructor = signals::is_client_constructor(name);
            let Target::Import(import) = target else {
                unreachable!("a call with a package path names an import")
            };
            let use_ = self.third_party(import);
            use_.calls += 1;
            use_.in_handlers += u32::from(in_handler);
            if constructor {
                use_.constructors += 1;
                use_.constructors_in_loops += u32::from(in_loop);
            }
        } else if target == Target::Method
            && signals::is_client_verb(name)
            && receiver.is_some_and(signals::is_client_name)
        {
            self.facts.client_calls += 1;
            self.facts.client_calls_in_handlers += u32::from(in_handler);
        }
        let mut receiver_known = Receiver::Unknown;
        if target == Target::Method {
            self.method_signs(name, loop_index);
            if let Some(recv) = call.recv {
                if root_name(recv, cx).is_some_and(|root| self.is_std_value(root, cx)) {
                    flags |= STD_RECEIVER;
                }
                receiver_known = self.receiver_of(recv, cx);
            }
        }
        if self.go_call == Some(node.id()) {
            flags |= STARTS_GOROUTINE;
        }
        if target == Target::Local && flags & (STARTS_GOROUTINE | IN_GOROUTINE) != 0 {
            self.spawned_callback(name);
        }
        // What is handed over is named by the arguments: the receiver of the registering call says nothing.
        self.references(call, name, caller, flags & !STD_RECEIVER, loop_index, cx);
        if target == Target::Local && is_builtin(name) {
            return;
        }
        let name = self.intern(name);
        self.facts.calls.push(CallSite {
            caller,
            name,
            target,
            flags,
            receiver: receiver_known,
            loop_index,
            invoker,
            line: line_of(node),
        });
    }

    /// `go f()`, or `f()` in a goroutine, with `f` a callback parameter of a declared function: that
    /// function runs what it is handed in a goroutine.
    fn spawned_callback(&mut self, name: &str) {
        for frame in self.frames.iter().rev() {
            if let FrameKind::Function(f) = &frame.kind
                && f.callback_params.contains(&name)
            {
                let caller = f.caller;
                if f.invoker == NO_INVOKER
                    && let Some(function) = self.facts.functions.get_mut(caller as usize)
                {
                    function.spawns_callback = true;
                }
                return;
            }
        }
    }

    /// What the file says of a method call's receiver: `p` is a `*Pool` parameter, `h.orders` is the field
    /// `orders`.
    fn receiver_of(&mut self, recv: Node<'a>, cx: &FileContext<'a>) -> Receiver {
        match recv.kind_name() {
            "identifier" => {
                let name = cx.text(recv);
                let ty = self.frames.iter().rev().find_map(|f| match &f.kind {
                    FrameKind::Function(function) => function
                        .typed_params
                        .iter()
                        .find(|(param, _)| *param == name)
                        .map(|(_, ty)| *ty),
                    FrameKind::Loop { .. } | FrameKind::Cold => None,
                });
                match ty {
                    Some(ty) => Receiver::Type(self.intern(ty)),
                    None => Receiver::Unknown,
                }
            }
            "selector_expression" => match recv.field("field") {
                Some(field) => Receiver::Field(self.intern(cx.text(field))),
                None => Receiver::Unknown,
            },
            _ => Receiver::Unknown,
        }
    }

    /// Whether `name` holds a standard-library value in an enclosing function (a parameter of such a type, or a
    /// variable set from a standard-library call), or names a standard-library package (`time.Now().Sub`).
    fn is_std_value(&self, name: &str, cx: &FileContext<'_>) -> bool {
        cx.imports.path_of(name).is_some_and(signals::is_standard)
            || self.frames.iter().rev().any(|f| match &f.kind {
                FrameKind::Function(function) => function.std_params.contains(&name),
                FrameKind::Loop { .. } | FrameKind::Cold => false,
            })
    }

    /// `t := time.NewTimer(d)`, `ctx, cancel := context.WithTimeout(...)`: the variables hold standard-library
    /// values, and methods called on them are not the module's.
    fn std_variables(&mut self, node: Node<'a>, cx: &FileContext<'a>) {
        let Some(right) = node.field("right") else {
            return;
        };
        let from_std = each_child(right).next().is_some_and(|value| {
            let call = if value.kind_name() == "unary_expression" {
                each_child(value).next()
            } else {
                Some(value)
            };
            call.filter(|c| matches!(c.kind_name(), "call_expression" | "composite_literal"))
                .and_then(|c| c.field("function").or_else(|| c.field("type")))
                .and_then(|f| f.field("operand").or_else(|| f.field("package")))
                .filter(|p| p.kind_name() == "identifier" || p.kind_name() == "package_identifier")
                .and_then(|p| cx.imports.path_of(cx.text(p)))
                .is_some_and(signals::is_standard)
        });
        if !from_std {
            return;
        }
        let Some(left) = node.field("left") else {
            return;
        };
        let names: Vec<&'a str> = each_child(left)
            .filter(|n| n.kind_name() == "identifier")
            .map(|n| cx.text(n))
            .collect();
        if let Some(function) = self.innermost_function() {
            function.std_params.extend(names);
        }
    }

    /// Locks, writes, reads and accepts: what a method call says about its function and loop.
    fn method_signs(&mut self, name: &str, loop_index: u16) {
        let lock = matches!(name, "Lock" | "RLock");
        let write = matches!(
            name,
            "Write"
                | "WriteTo"
                | "Flush"
                | "WriteMsg"
                | "WriteMessage"
                | "WriteFrame"
                | "WriteJSON"
                | "Encode"
        );
        if (lock || write)
            && let Some(function) = self.innermost_function()
        {
            function.locks |= lock;
            function.writes |= write;
        }
        // A handler that takes the connection over (a WebSocket upgrade) runs once per connection, and what it
        // starts runs per message on that connection: it is not a request handler.
        if matches!(name, "Hijack" | "Upgrade")
            && let Some(caller) = self.innermost_function().filter(|f| f.handler).map(|f| f.caller)
            && let Some(function) = self.facts.functions.get_mut(caller as usize)
        {
            function.upgrades = true;
        }
        if loop_index != NO_LOOP {
            let facts = &mut self.facts.loops[usize::from(loop_index)];
            facts.message |= signals::is_message_read(name);
            facts.accept |= name == "Accept";
        }
    }

    /// Functions handed over as values to be run per request, per message or as goroutines:
    /// `mux.HandleFunc("/x", h.list)`, `nc.Subscribe(s, h.onMsg)`, `g.Go(p.work)`.
    fn references(
        &mut self,
        call: &Call<'a>,
        name: &str,
        caller: u32,
        flags: u16,
        loop_index: u16,
        cx: &FileContext<'a>,
    ) {
        let role = if signals::registers_handler(name) {
            REGISTERED_HANDLER
        } else if signals::registers_message_handler(name) {
            REGISTERED_MESSAGE_HANDLER
        } else if signals::starts_goroutine(name) {
            STARTS_GOROUTINE
        } else {
            return;
        };
        let Some(arguments) = call.node.field("arguments") else {
            return;
        };
        let mut args = each_child(arguments);
        let mut role = role;
        if role == REGISTERED_HANDLER {
            // A route is registered with its pattern first: `r.Get("/x", h)`, not `cache.Get(key, v.field)`.
            let first = args.next();
            let patterned = first.is_some_and(|a| {
                matches!(a.kind_name(), "interpreted_string_literal" | "raw_string_literal")
            });
            if first.is_some_and(|a| signals::is_operations_route(cx.text(a))) {
                role |= OPERATIONS_ROUTE;
            }
            let conversion = name == "HandlerFunc";
            if !patterned && !conversion {
                return;
            }
            if patterned && role & OPERATIONS_ROUTE == 0 && !matches!(name, "HandleFunc" | "Handle") {
                self.facts.signals.routes += 1;
            }
            if conversion {
                args = each_child(arguments);
            }
        }
        for arg in args {
            let (target, name) = match arg.kind_name() {
                "func_literal" => {
                    if role == STARTS_GOROUTINE {
                        self.goroutine_literal = Some(arg.id());
                    } else if role & OPERATIONS_ROUTE == 0 {
                        self.handler_literal = Some(arg.id());
                    }
                    continue;
                }
                "identifier" => (Target::Local, cx.text(arg)),
                "selector_expression" => {
                    let (Some(operand), Some(field)) = (arg.field("operand"), arg.field("field")) else {
                        continue;
                    };
                    let path = (operand.kind_name() == "identifier")
                        .then(|| cx.imports.path_of(cx.text(operand)))
                        .flatten();
                    let target = match path {
                        Some(path) => Target::Import(self.import_index(path)),
                        None => Target::Method,
                    };
                    (target, cx.text(field))
                }
                _ => continue,
            };
            let name = self.intern(name);
            self.facts.calls.push(CallSite {
                caller,
                name,
                target,
                flags: flags | REFERENCE | role,
                receiver: Receiver::Unknown,
                loop_index,
                invoker: NO_INVOKER,
                line: line_of(arg),
            });
        }
    }

    /// The facts, once the walk is over.
    pub fn finish(mut self) -> FileFacts {
        while let Some(frame) = self.frames.pop() {
            self.close(frame);
        }
        if !self.uses_third_party {
            self.facts.client_calls = 0;
            self.facts.client_calls_in_handlers = 0;
        }
        let calls = &mut self.facts.calls;
        calls.sort_unstable_by_key(|c| {
            (
                c.caller,
                c.name,
                c.target,
                c.receiver,
                c.flags,
                c.loop_index,
                c.line,
            )
        });
        calls.dedup_by_key(|c| (c.caller, c.name, c.target, c.receiver, c.flags, c.loop_index));
        calls.shrink_to_fit();
        self.facts
    }
}

fn line_of(node: Node<'_>) -> u32 {
    node.start_position().row as u32 + 1
}

/// The receiver's type name: `Pool` of `(p *Pool)` or of `(p Pool[T])`.
fn receiver_type<'a>(list: Node<'_>, cx: &FileContext<'a>) -> Option<&'a str> {
    let param = each_child(list).next()?;
    let mut ty = param.field("type")?;
    if ty.kind_name() == "pointer_type" {
        ty = each_child(ty).next()?;
    }
    if ty.kind_name() == "generic_type" {
        ty = ty.field("type")?;
    }
    Some(cx.text(ty))
}

/// The last name of a receiver expression: `client` of `s.client`, `NewDecoder` of `json.NewDecoder(r)`.
fn last_name<'a>(recv: Node<'_>, cx: &FileContext<'a>) -> Option<&'a str> {
    match recv.kind_name() {
        "identifier" => Some(cx.text(recv)),
        "selector_expression" => recv.field("field").map(|f| cx.text(f)),
        "call_expression" => recv.field("function").and_then(|f| last_name(f, cx)),
        _ => None,
    }
}

/// The block of an `if` that handles an error: its condition names one (`err != nil`, `errors.Is(err, x)`,
/// `err == io.EOF`) and is not the success check `err == nil`. What runs there runs when things fail.
fn error_branch<'t>(node: Node<'t>, cx: &FileContext<'_>) -> Option<Node<'t>> {
    let condition = cx.text(node.field("condition")?);
    let names_error = condition.contains("err") || condition.contains("Err");
    let success = condition.contains("err == nil") || condition.contains("Err == nil");
    if !names_error || success {
        return None;
    }
    node.field("consequence")
}

/// The leftmost name of a receiver expression: `r` of `r.URL.Query()`.
fn root_name<'a>(recv: Node<'_>, cx: &FileContext<'a>) -> Option<&'a str> {
    let mut node = recv;
    loop {
        node = match node.kind_name() {
            "identifier" => return Some(cx.text(node)),
            "selector_expression" => node.field("operand")?,
            "call_expression" => node.field("function")?,
            "parenthesized_expression" | "pointer_type" | "unary_expression" => each_child(node).next()?,
            _ => return None,
        };
    }
}

/// The name of a type, through a pointer and type arguments: `Postgres` of `*store.Postgres`, `Pool` of
/// `*Pool[T]`.
fn type_name<'a>(ty: Node<'_>, cx: &FileContext<'a>) -> Option<&'a str> {
    let mut ty = ty;
    if ty.kind_name() == "pointer_type" {
        ty = each_child(ty).next()?;
    }
    if ty.kind_name() == "generic_type" {
        ty = ty.field("type")?;
    }
    match ty.kind_name() {
        "type_identifier" => Some(cx.text(ty)),
        "qualified_type" => ty.field("name").map(|n| cx.text(n)),
        _ => None,
    }
}

/// A function's parameters, sorted by what their types say (read in one pass over the receiver and parameter
/// lists).
#[derive(Default)]
struct Params<'a> {
    /// Of a standard-library type, through a pointer (`w http.ResponseWriter`, `b *strings.Builder`).
    standard: Vec<&'a str>,
    /// The receiver and parameters of a named type, with its name (`p` → `Pool`).
    typed: Vec<(&'a str, &'a str)>,
    /// Of a function type: callbacks the function may run.
    callbacks: Vec<&'a str>,
}

fn params<'a>(func: Node<'_>, cx: &FileContext<'a>) -> Params<'a> {
    let mut params = Params::default();
    for (field, is_receiver) in [("receiver", true), ("parameters", false)] {
        let Some(list) = func.field(field) else {
            continue;
        };
        for param in each_child(list) {
            let Some(ty) = param.field("type") else {
                continue;
            };
            let mut cursor = param.walk();
            let names = param
                .children_by_field_name("name", &mut cursor)
                .map(|n| cx.text(n));
            if ty.kind_name() == "function_type" {
                params.callbacks.extend(names);
                continue;
            }
            let Some(name) = type_name(ty, cx) else {
                continue;
            };
            let qualified = if ty.kind_name() == "pointer_type" {
                each_child(ty).next()
            } else {
                Some(ty)
            };
            let standard = qualified.is_some_and(|t| {
                t.kind_name() == "qualified_type"
                    && t.field("package")
                        .and_then(|p| cx.imports.path_of(cx.text(p)))
                        .is_some_and(signals::is_standard)
            });
            for n in names {
                if standard && !is_receiver {
                    params.standard.push(n);
                }
                params.typed.push((n, name));
            }
        }
    }
    params
}

fn is_builtin(name: &str) -> bool {
    matches!(
        name,
        "append"
            | "len"
            | "cap"
            | "make"
            | "new"
            | "panic"
            | "recover"
            | "print"
            | "println"
            | "copy"
            | "delete"
            | "close"
            | "min"
            | "max"
            | "clear"
            | "complex"
            | "real"
            | "imag"
            | "string"
            | "int"
            | "int64"
            | "uint32"
            | "uint64"
            | "byte"
            | "float64"
    )
}

/// The first sentence of the doc comment right above the `package` clause, without the comment markers; empty
/// when there is none, or when the comment is a licence header. Read from the text: the comment block
/// that ends on the line before `package`.
fn package_doc(src: &str) -> String {
    let mut block: Vec<&str> = Vec::new();
    for line in src.lines() {
        let trimmed = line.trim_end();
        if trimmed.starts_with("package ") {
            break;
        }
        if let Some(text) = trimmed.strip_prefix("//") {
            if text.starts_with("go:") || text.starts_with(" +build") {
                block.clear();
                continue;
            }
            block.push(text.strip_prefix(' ').unwrap_or(text));
        } else {
            // A blank line or anything else detaches the comments above it from the package clause.
            block.clear();
        }
    }
    let text = block.join(" ");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = text.to_ascii_lowercase();
    if !text.starts_with("Package ")
        && !text.starts_with("Command ")
        && (lower.contains("copyright") || lower.contains("license"))
    {
        return String::new();
    }
    let sentence = match text.find(". ") {
        Some(end) => &text[..=end],
        None => text.as_str(),
    };
    sentence.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_package_doc_is_the_comment_block_right_above_the_clause() {
        let src =
            "// Copyright 2024.\n\n// Package worker runs background jobs. It has a pool.\npackage worker\n";
        assert_eq!(package_doc(src), "Package worker runs background jobs.");
        let build = "//go:build linux\n\npackage x\n";
        assert_eq!(package_doc(build), "");
        let detached = "// Package x does things.\n\npackage x\n";
        assert_eq!(package_doc(detached), "");
    }
}
