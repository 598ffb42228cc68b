//! How hotness flows along calls across the files of a module. After the per-file walk, the functions every
//! file declares are indexed by package folder and name; each call is joined to the declarations it may reach
//! (by name: a module's own calls rarely need types to be told apart); then heat spreads from where work
//! happens per request, per message, per connection, per job or per item to everything those places call.
//!
//! A call reaches:
//! - `f(x)`: the functions named `f` of the caller's package;
//! - `pkg.F(x)`: the functions named `F` of that package, when it is one of the module's own;
//! - `x.M(...)`: the methods named `M` of the caller's package and of the module's packages the file imports,
//!   unless more than [`MAX_CANDIDATES`] share the name (then the name says too little to follow).

use super::facts::{
    COLD, CallSite, FileFacts, IN_GOROUTINE, IN_HANDLER, IN_LOOP, NO_FUNCTION, NO_INVOKER, NO_LOOP,
    OPERATIONS_ROUTE, REFERENCE, REGISTERED_HANDLER, REGISTERED_MESSAGE_HANDLER, Receiver, STARTS_GOROUTINE,
    STD_RECEIVER, Target,
};
use crate::analyze::FileAnalysis;
use crate::gomod::GoMod;
use std::collections::{BinaryHeap, HashMap, HashSet};

/// A method name shared by more declarations than this is not followed.
pub const MAX_CANDIDATES: usize = 4;
/// Heat does not flow further than this many calls from where the work happens.
const MAX_DEPTH: u8 = 8;
/// What heat keeps per call it flows through: a message path is often five calls deep (read loop, parse,
/// process, route, match) and its far end is still per message.
const KEPT_PER_CALL: f64 = 0.85;
/// Loops on the way that count, and what each adds.
const MAX_LOOPS: u8 = 2;
const PER_LOOP: f64 = 0.5;

/// Why code runs often, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Flavour {
    /// Once per message read from a connection or stream, or delivered to a subscription (a connection
    /// carries many: between equals, this wins).
    Message,
    /// Once per request a server handles.
    Request,
    /// Once per accepted connection.
    Connection,
    /// Once per job a worker or event loop takes.
    Job,
    /// As a goroutine of its own.
    Goroutine,
    /// Once per item of a loop.
    Item,
    /// When an operations endpoint is asked (health, metrics, monitoring, profiling).
    Operations,
    /// Once, when a `main` package starts it.
    Startup,
}

impl Flavour {
    /// What heat of this flavour is worth to a file, before distance.
    pub fn weight(self) -> f64 {
        match self {
            Flavour::Request | Flavour::Message => 3.0,
            Flavour::Connection => 2.0,
            // Select and worker loops serve the data path and the control plane alike (balancers, resolvers,
            // janitors): less sure than a request or a message.
            Flavour::Job => 1.5,
            Flavour::Goroutine => 1.2,
            Flavour::Item => 1.0,
            Flavour::Operations => 0.3,
            Flavour::Startup => 0.5,
        }
    }

    /// "per request", as the reasons say it.
    pub fn per(self) -> &'static str {
        match self {
            Flavour::Request => "per request",
            Flavour::Message => "per message",
            Flavour::Connection => "per connection",
            Flavour::Job => "per job",
            Flavour::Goroutine => "in a goroutine",
            Flavour::Item => "per item",
            Flavour::Operations => "per operations request",
            Flavour::Startup => "at startup",
        }
    }
}

/// A function of the scan: file index and function index within the file's facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FnRef {
    pub file: u32,
    pub function: u32,
}

/// Where heat came from: a call site (or registration) in some file, or the function's own shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Via {
    /// The function is itself where the work happens (an HTTP handler).
    Itself,
    /// Called from this site; `in_loop` when the call is in a loop of its caller; `through` when the call is
    /// in a func literal handed to that function, which runs it.
    Call {
        file: u32,
        caller: u32,
        line: u32,
        in_loop: bool,
        through: Option<FnRef>,
    },
    /// Handed over as a handler, message handler or goroutine at this site.
    Registered { file: u32, caller: u32, line: u32 },
}

/// How hot a function is and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Heat {
    pub flavour: Flavour,
    /// Calls between the function and where the work happens (0: it is there).
    pub depth: u8,
    /// Loops the heat came through on its way (at most [`MAX_LOOPS`]): called in a loop of a function that
    /// runs per message, a function runs per item of every message.
    pub loops: u8,
    pub via: Via,
}

impl Heat {
    /// What the heap orders by: the value, in millionths (the most first), then the stronger flavour and the
    /// nearer.
    fn rank(&self) -> (std::cmp::Reverse<u64>, Flavour, u8) {
        (
            std::cmp::Reverse((self.value() * 1e6) as u64),
            self.flavour,
            self.depth,
        )
    }

    /// Worth more, then the stronger flavour, then nearer.
    fn better_than(&self, other: &Heat) -> bool {
        match self.value().total_cmp(&other.value()) {
            std::cmp::Ordering::Equal => (self.flavour, self.depth) < (other.flavour, other.depth),
            order => order.is_gt(),
        }
    }

    /// What the heat is worth to the file holding the function.
    pub fn value(&self) -> f64 {
        self.flavour.weight()
            * KEPT_PER_CALL.powi(i32::from(self.depth))
            * (1.0 + PER_LOOP * f64::from(self.loops))
    }
}

/// The module's call index and the heat of every function reached.
#[derive(Debug, Default)]
pub struct CallGraph {
    /// Per file, per function: its heat, if any.
    pub heat: Vec<Vec<Option<Heat>>>,
    /// Per file: for each import, whether it is one of the module's own packages, and its folder when that
    /// holds analysed files (`None` for the standard library and third parties).
    pub own_imports: Vec<Vec<Option<Option<u32>>>>,
    /// Package folders, indexed by the ids above.
    pub packages: Vec<String>,
    /// Per file, its package id.
    pub package_of: Vec<u32>,
    /// Functions started as goroutines.
    pub goroutines: Vec<FnRef>,
    /// Per file: the module functions `main` (or a command's `run`) calls directly.
    pub started: Vec<Vec<FnRef>>,
    /// Per file: the other files its functions call, in index order.
    pub callee_files: Vec<Vec<u32>>,
    /// Per file, per invoker (`FileFacts::invokers`): the module functions the call may reach.
    pub invokers: Vec<Vec<Vec<FnRef>>>,
}

/// The folder of a file's package: its path's parent, `.` at the root.
pub fn package_dir(path: &str) -> &str {
    path.rsplit_once('/').map_or(".", |(dir, _)| dir)
}

impl CallGraph {
    /// Indexes the files' declarations, joins their calls and spreads the heat.
    pub fn build(files: &[FileAnalysis], modules: &[(String, GoMod)]) -> CallGraph {
        let mut graph = CallGraph::default();
        let mut dirs: HashMap<&str, u32> = HashMap::new();
        for file in files {
            let dir = package_dir(&file.path);
            let next = dirs.len() as u32;
            let id = *dirs.entry(dir).or_insert_with(|| {
                graph.packages.push(dir.to_string());
                next
            });
            graph.package_of.push(id);
        }
        // Declarations by package and name; functions and methods apart.
        let mut functions: HashMap<(u32, &str), Vec<FnRef>> = HashMap::new();
        let mut methods: HashMap<(u32, &str), Vec<FnRef>> = HashMap::new();
        for (file_index, file) in files.iter().enumerate() {
            if file.is_test {
                continue;
            }
            let package = graph.package_of[file_index];
            for (function_index, f) in file.facts.functions.iter().enumerate() {
                let at = FnRef {
                    file: file_index as u32,
                    function: function_index as u32,
                };
                let table = if f.receiver.is_empty() {
                    &mut functions
                } else {
                    &mut methods
                };
                table.entry((package, &*f.name)).or_default().push(at);
            }
        }
        // Struct fields by package and name, with the names of their types; interface types by name.
        let mut field_types: HashMap<(u32, &str), Vec<&str>> = HashMap::new();
        let mut interfaces: HashSet<&str> = HashSet::new();
        for (file_index, file) in files.iter().enumerate() {
            let names = &file.facts.names;
            let package = graph.package_of[file_index];
            for (field, ty) in &file.facts.fields {
                let types = field_types.entry((package, &names[*field as usize])).or_default();
                let ty = &*names[*ty as usize];
                if !types.contains(&ty) {
                    types.push(ty);
                }
            }
            interfaces.extend(file.facts.interfaces.iter().map(|i| &*names[*i as usize]));
        }
        let mut resolved_imports: HashMap<&str, Option<Option<u32>>> = HashMap::new();
        graph.own_imports = files
            .iter()
            .map(|file| {
                file.facts
                    .imports
                    .iter()
                    .map(|path| {
                        *resolved_imports
                            .entry(path)
                            .or_insert_with(|| resolve_import(path, modules, &dirs))
                    })
                    .collect()
            })
            .collect();

        // Each call joined to its possible callees; each call a func literal is handed to, too.
        let resolver = Resolver {
            files,
            functions: &functions,
            methods: &methods,
            field_types: &field_types,
            interfaces: &interfaces,
            graph: &graph,
        };
        let mut edges: Vec<Vec<(usize, FnRef)>> = vec![Vec::new(); files.len()];
        let mut invokers: Vec<Vec<Vec<FnRef>>> = vec![Vec::new(); files.len()];
        for (file_index, file) in files.iter().enumerate() {
            if file.is_test {
                continue;
            }
            let own: Vec<u32> = graph.own_imports[file_index]
                .iter()
                .flatten()
                .flatten()
                .copied()
                .collect();
            for (site_index, site) in file.facts.calls.iter().enumerate() {
                let callee = Callee {
                    name: site.name,
                    target: site.target,
                    receiver: site.receiver,
                    flags: site.flags,
                };
                for at in resolver.resolve(file_index, &own, callee) {
                    edges[file_index].push((site_index, at));
                }
            }
            invokers[file_index] = file
                .facts
                .invokers
                .iter()
                .map(|i| {
                    let callee = Callee {
                        name: i.name,
                        target: i.target,
                        receiver: i.receiver,
                        flags: i.flags,
                    };
                    resolver.resolve(file_index, &own, callee)
                })
                .collect();
        }
        graph.invokers = invokers;
        graph.spread(files, &edges);
        graph
    }

    /// Seeds heat where the work happens and spreads it to the callees, strongest and nearest first.
    fn spread(&mut self, files: &[FileAnalysis], edges: &[Vec<(usize, FnRef)>]) {
        self.heat = files
            .iter()
            .map(|f| vec![None; f.facts.functions.len()])
            .collect();
        self.started = vec![Vec::new(); files.len()];
        let mut queue: BinaryHeap<Pending> = BinaryHeap::new();
        // Handlers registered on operations routes (`/healthz`) serve operations, whatever their shape.
        let mut operations: HashSet<FnRef> = HashSet::new();
        for (file_index, list) in edges.iter().enumerate() {
            for (site_index, target) in list {
                if files[file_index].facts.calls[*site_index].flags & OPERATIONS_ROUTE != 0 {
                    operations.insert(*target);
                }
            }
        }
        // Handlers by their shape.
        for (file_index, file) in files.iter().enumerate() {
            if file.is_test {
                continue;
            }
            for (function_index, f) in file.facts.functions.iter().enumerate() {
                let at = FnRef {
                    file: file_index as u32,
                    function: function_index as u32,
                };
                let flavour = if f.operations || f.handler && operations.contains(&at) {
                    Flavour::Operations
                } else if f.upgrades {
                    Flavour::Connection
                } else if f.handler {
                    Flavour::Request
                } else {
                    continue;
                };
                let heat = Heat {
                    flavour,
                    depth: 0,
                    loops: 0,
                    via: Via::Itself,
                };
                queue.push(Pending::new(at.file, at.function, heat));
            }
        }
        // Functions started as goroutines: their loops are worker loops.
        let mut goroutine = vec![Vec::new(); files.len()];
        for (file_index, file) in files.iter().enumerate() {
            goroutine[file_index] = vec![false; file.facts.functions.len()];
        }
        for (file_index, list) in edges.iter().enumerate() {
            for (site_index, target) in list {
                let site = &files[file_index].facts.calls[*site_index];
                let runs_in_goroutine = site.flags & STARTS_GOROUTINE != 0
                    || (site.flags & IN_GOROUTINE != 0 && site.flags & (IN_LOOP | REFERENCE) == 0);
                if runs_in_goroutine {
                    goroutine[target.file as usize][target.function as usize] = true;
                    self.goroutines.push(*target);
                }
            }
        }
        // Heat where each call happens.
        for (file_index, list) in edges.iter().enumerate() {
            let facts = &files[file_index].facts;
            for (site_index, target) in list {
                let site = &facts.calls[*site_index];
                let caller = FnRef {
                    file: file_index as u32,
                    function: site.caller,
                };
                let caller_is_goroutine =
                    site.caller != NO_FUNCTION && goroutine[file_index][site.caller as usize];
                if from_main(facts, site) && site.flags & COLD == 0 {
                    self.started[file_index].push(*target);
                }
                // A func literal handed to a function that runs it in a goroutine runs in a goroutine.
                let spawned = self.spawned(files, file_index, site);
                let mut as_run = *site;
                if spawned {
                    as_run.flags |= IN_GOROUTINE;
                }
                let upgrades = site.caller != NO_FUNCTION && facts.functions[site.caller as usize].upgrades;
                let flavour = site_flavour(facts, &as_run, caller_is_goroutine).map(|f| {
                    if f != Flavour::Request || site.flags & IN_HANDLER == 0 {
                        f
                    } else if operations.contains(&caller) {
                        // A handler registered on an operations route serves operations, not requests.
                        Flavour::Operations
                    } else if upgrades {
                        Flavour::Connection
                    } else {
                        f
                    }
                });
                if let Some(flavour) = flavour {
                    let at = (file_index as u32, site.caller, site.line);
                    let via = if site.flags & (REFERENCE | STARTS_GOROUTINE) != 0
                        || flavour == Flavour::Goroutine
                    {
                        Via::Registered {
                            file: at.0,
                            caller: at.1,
                            line: at.2,
                        }
                    } else {
                        Via::Call {
                            file: at.0,
                            caller: at.1,
                            line: at.2,
                            in_loop: false,
                            through: None,
                        }
                    };
                    let heat = Heat {
                        flavour,
                        depth: 0,
                        loops: 0,
                        via,
                    };
                    queue.push(Pending::new(target.file, target.function, heat));
                }
            }
        }
        self.callee_files = edges
            .iter()
            .enumerate()
            .map(|(file_index, list)| {
                let mut files: Vec<u32> = list
                    .iter()
                    .map(|(_, target)| target.file)
                    .filter(|f| *f as usize != file_index)
                    .collect();
                files.sort_unstable();
                files.dedup();
                files
            })
            .collect();
        // Callees by caller, for the spreading below. A call in a func literal handed to a module function is
        // that function's to make: `st.HandleStreams(func(s) { h.handle(s) })` runs h.handle as often as
        // HandleStreams runs its callback.
        let mut callees: HashMap<FnRef, Vec<Edge>> = HashMap::new();
        for (file_index, list) in edges.iter().enumerate() {
            let facts = &files[file_index].facts;
            for (site_index, target) in list {
                let site = &facts.calls[*site_index];
                let handed_over = site.flags & REFERENCE != 0 && site.flags & STARTS_GOROUTINE == 0;
                if site.caller == NO_FUNCTION
                    || handed_over
                    || site.flags & COLD != 0
                    || self.spawned(files, file_index, site)
                {
                    continue;
                }
                // A plain loop multiplies what its caller's heat is worth; a message, accept or worker loop is
                // a flavour of its own (given above), not a multiplier.
                let caller_is_goroutine = goroutine[file_index][site.caller as usize];
                let in_loop = site_flavour(facts, site, caller_is_goroutine) == Some(Flavour::Item);
                let edge = |through: Option<FnRef>| Edge {
                    target: *target,
                    file: file_index as u32,
                    caller: site.caller,
                    line: site.line,
                    in_loop,
                    through,
                };
                let invokers = self.invokers_of(file_index, site);
                if invokers.is_empty() {
                    let caller = FnRef {
                        file: file_index as u32,
                        function: site.caller,
                    };
                    callees.entry(caller).or_default().push(edge(None));
                } else {
                    for invoker in invokers {
                        callees.entry(*invoker).or_default().push(edge(Some(*invoker)));
                    }
                }
            }
        }
        while let Some(Pending { at, heat, .. }) = queue.pop() {
            let slot = &mut self.heat[at.file as usize][at.function as usize];
            if slot.is_some_and(|known| !heat.better_than(&known)) {
                continue;
            }
            *slot = Some(heat);
            // Startup heat marks what a main package starts, not everything below it; an operations endpoint
            // makes what it calls directly warm, no more.
            let spreads = match heat.flavour {
                Flavour::Startup => false,
                Flavour::Operations => heat.depth == 0,
                _ => heat.depth < MAX_DEPTH,
            };
            if !spreads {
                continue;
            }
            for edge in callees.get(&at).into_iter().flatten() {
                let next = Heat {
                    flavour: heat.flavour,
                    depth: heat.depth + 1,
                    loops: (heat.loops + u8::from(edge.in_loop)).min(MAX_LOOPS),
                    via: Via::Call {
                        file: edge.file,
                        caller: edge.caller,
                        line: edge.line,
                        in_loop: edge.in_loop,
                        through: edge.through,
                    },
                };
                let target = edge.target;
                let known = self.heat[target.file as usize][target.function as usize];
                if known.is_none_or(|k| next.better_than(&k)) {
                    queue.push(Pending::new(target.file, target.function, next));
                }
            }
        }
        self.goroutines.sort_unstable();
        self.goroutines.dedup();
        for list in &mut self.started {
            list.sort_unstable();
            list.dedup();
        }
    }
}

/// A call one function's heat flows through: from the call site in `file` (in the declaration `caller`, or in
/// a func literal it hands to `through`) to `target`.
#[derive(Debug, Clone, Copy)]
struct Edge {
    target: FnRef,
    file: u32,
    caller: u32,
    line: u32,
    in_loop: bool,
    through: Option<FnRef>,
}

impl CallGraph {
    /// The module functions that run the func literal a call site is in, if it is handed to any.
    fn invokers_of(&self, file: usize, site: &CallSite) -> &[FnRef] {
        if site.invoker == NO_INVOKER {
            return &[];
        }
        self.invokers[file]
            .get(site.invoker as usize)
            .map_or(&[], Vec::as_slice)
    }

    /// Whether the func literal a call site is in is handed to a function that runs it in a goroutine.
    fn spawned(&self, files: &[FileAnalysis], file: usize, site: &CallSite) -> bool {
        self.invokers_of(file, site)
            .iter()
            .any(|f| files[f.file as usize].facts.functions[f.function as usize].spawns_callback)
    }
}

/// The heat a call site gives its callee by itself: a handler registered, a goroutine started (per connection
/// when an accept loop starts it), a call in a handler, in a message, accept or worker loop, in any loop, or
/// from `main`. An error path gives none.
fn site_flavour(facts: &FileFacts, site: &CallSite, caller_is_goroutine: bool) -> Option<Flavour> {
    let flags = site.flags;
    if flags & COLD != 0 && flags & REFERENCE == 0 {
        return None;
    }
    if flags & OPERATIONS_ROUTE != 0 {
        return Some(Flavour::Operations);
    }
    if flags & REGISTERED_HANDLER != 0 {
        return Some(Flavour::Request);
    }
    if flags & REGISTERED_MESSAGE_HANDLER != 0 {
        return Some(Flavour::Message);
    }
    let in_loop = (flags & IN_LOOP != 0 && site.loop_index != NO_LOOP).then(|| {
        // The loop and those around it in the same function: a loop inside a message loop runs per message.
        let mut message = false;
        let mut accept = false;
        let mut worker = false;
        let mut index = site.loop_index;
        while index != NO_LOOP {
            let loop_ = facts.loops[usize::from(index)];
            message |= loop_.message;
            accept |= loop_.accept;
            worker |= loop_.worker;
            index = loop_.parent;
        }
        (message, accept, worker)
    });
    if flags & STARTS_GOROUTINE != 0 {
        // `go b.handle(conn)` in an accept loop: a goroutine per connection.
        return Some(match in_loop {
            Some((true, _, _)) => Flavour::Message,
            Some((_, true, _)) => Flavour::Connection,
            _ => Flavour::Goroutine,
        });
    }
    if flags & IN_HANDLER != 0 {
        return Some(Flavour::Request);
    }
    if let Some((message, accept, worker)) = in_loop {
        return Some(if message {
            Flavour::Message
        } else if accept {
            Flavour::Connection
        } else if worker || caller_is_goroutine || flags & IN_GOROUTINE != 0 {
            Flavour::Job
        } else {
            Flavour::Item
        });
    }
    if flags & IN_GOROUTINE != 0 {
        // `go func() { ...; p.work(i) }()`: work is the goroutine's body.
        return Some(Flavour::Goroutine);
    }
    from_main(facts, site).then_some(Flavour::Startup)
}

/// Whether a call is made by a `main` package's `main` (or its `run`): what the command starts.
fn from_main(facts: &FileFacts, site: &CallSite) -> bool {
    site.caller != NO_FUNCTION
        && facts.package == "main"
        && matches!(
            &*facts.functions[site.caller as usize].name,
            "main" | "run" | "Run"
        )
}

/// A function waiting to receive heat; the heap pops the strongest, nearest first, and between equals the
/// one reached from the first site in path order, so the reasons do not depend on the order of the work.
#[derive(Debug, PartialEq, Eq)]
struct Pending {
    at: FnRef,
    heat: Heat,
    key: ((std::cmp::Reverse<u64>, Flavour, u8), FnRef, Via),
}

impl Pending {
    fn new(file: u32, function: u32, heat: Heat) -> Self {
        let at = FnRef { file, function };
        Pending {
            at,
            heat,
            key: (heat.rank(), at, heat.via),
        }
    }
}

impl Ord for Pending {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        // BinaryHeap is a max-heap: the smallest key (most value, strongest flavour, least depth) is the
        // greatest.
        other.key.cmp(&self.key)
    }
}

impl PartialOrd for Pending {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// How a call names its callee, whether a call site's or an invoker's.
#[derive(Debug, Clone, Copy)]
struct Callee {
    name: u32,
    target: Target,
    receiver: Receiver,
    flags: u16,
}

/// The module's declarations, by what calls name them with.
struct Resolver<'a> {
    files: &'a [FileAnalysis],
    functions: &'a HashMap<(u32, &'a str), Vec<FnRef>>,
    methods: &'a HashMap<(u32, &'a str), Vec<FnRef>>,
    field_types: &'a HashMap<(u32, &'a str), Vec<&'a str>>,
    interfaces: &'a HashSet<&'a str>,
    graph: &'a CallGraph,
}

impl Resolver<'_> {
    /// The module's functions a call of `file` may reach; `own` are the module's packages the file imports.
    fn resolve(&self, file: usize, own: &[u32], callee: Callee) -> Vec<FnRef> {
        let facts = &self.files[file].facts;
        let names = &facts.names;
        let name = &*names[callee.name as usize];
        let package = self.graph.package_of[file];
        match callee.target {
            Target::Local => self.functions.get(&(package, name)).cloned().unwrap_or_default(),
            Target::Import(import) => match self.graph.own_imports[file].get(usize::from(import)) {
                Some(Some(Some(target))) => self.functions.get(&(*target, name)).cloned().unwrap_or_default(),
                _ => Vec::new(),
            },
            Target::Method if callee.flags & STD_RECEIVER != 0 => Vec::new(),
            Target::Method => {
                let candidates: Vec<FnRef> = std::iter::once(package)
                    .chain(own.iter().copied().filter(|p| *p != package))
                    .filter_map(|p| self.methods.get(&(p, name)))
                    .flatten()
                    .copied()
                    .collect();
                // The receiver's type, when the file says it or the field it is tells it.
                let types: Option<Vec<&str>> = match callee.receiver {
                    Receiver::Type(ty) => Some(vec![&*names[ty as usize]]),
                    Receiver::Field(field) => {
                        self.field_types.get(&(package, &*names[field as usize])).cloned()
                    }
                    Receiver::Unknown => None,
                };
                match types.filter(|t| !t.iter().any(|ty| self.interfaces.contains(ty))) {
                    Some(types) => candidates
                        .into_iter()
                        .filter(|c| {
                            let receiver =
                                &self.files[c.file as usize].facts.functions[c.function as usize].receiver;
                            types.contains(&&**receiver)
                        })
                        .collect(),
                    None if candidates.len() <= MAX_CANDIDATES => candidates,
                    None => Vec::new(),
                }
            }
        }
    }
}

/// Whether an import path is one of the scanned modules' own packages, and the folder it names when that holds
/// analysed files: by the module path from `go.mod` (`std` for Go's own tree), else by the longest folder the
/// path ends with. A package of the module whose files were all skipped (generated code) is the module's own,
/// without a folder.
fn resolve_import(path: &str, modules: &[(String, GoMod)], dirs: &HashMap<&str, u32>) -> Option<Option<u32>> {
    let join = |dir: &str, rest: &str| -> String {
        match (dir, rest) {
            (".", "") => ".".to_string(),
            (".", rest) => rest.to_string(),
            (dir, "") => dir.to_string(),
            (dir, rest) => format!("{dir}/{rest}"),
        }
    };
    for (dir, gomod) in modules {
        let Some(module) = gomod.module.as_deref() else {
            continue;
        };
        let rest = if module == "std" && super::signals::is_standard(path) {
            Some(path)
        } else if path == module {
            Some("")
        } else {
            path.strip_prefix(module).and_then(|r| r.strip_prefix('/'))
        };
        if let Some(rest) = rest {
            let found = dirs.get(join(dir, rest).as_str()).copied();
            if found.is_some() || module != "std" {
                return Some(found);
            }
        }
    }
    if super::signals::is_standard(path) {
        return None;
    }
    // No go.mod that names it (a scan of part of a module): the longest folder suffix of the path.
    let mut rest = path;
    loop {
        if let Some(id) = dirs.get(rest) {
            return Some(Some(*id));
        }
        rest = rest.split_once('/')?.1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imports_resolve_through_the_module_path_or_a_folder_suffix() {
        let dirs: HashMap<&str, u32> = [("internal/store", 0), (".", 1), ("net/http", 2)].into();
        let module = |path: &str| vec![(".".to_string(), GoMod::parse(&format!("module {path}\n")))];
        let orders = module("example.com/orders");
        assert_eq!(
            resolve_import("example.com/orders/internal/store", &orders, &dirs),
            Some(Some(0))
        );
        assert_eq!(
            resolve_import("example.com/orders", &orders, &dirs),
            Some(Some(1))
        );
        assert_eq!(
            resolve_import("example.com/orders/internal/pb", &orders, &dirs),
            Some(None)
        );
        assert_eq!(resolve_import("net/http", &orders, &dirs), None);
        assert_eq!(resolve_import("net/http", &module("std"), &dirs), Some(Some(2)));
        assert_eq!(
            resolve_import("other.org/x/internal/store", &[], &dirs),
            Some(Some(0))
        );
        assert_eq!(resolve_import("github.com/lib/pq", &orders, &dirs), None);
    }
}
