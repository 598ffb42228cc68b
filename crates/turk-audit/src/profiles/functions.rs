//! A profile's functions placed in the functions a file declares. Go names a function in a profile as
//! `pkg.F`, `pkg.(*T).M`, `pkg.T.M`, a func literal as `pkg.F.func1` (`pkg.F.func1.2` when nested, and, from
//! Go 1.21, `pkg.Outer.Inner.func1` for a literal of `Inner` inlined into `Outer`), generic code as
//! `pkg.Map[...]`; from Go 1.20 a profile also records the line of each function's `func`. A profile function
//! belongs to the declaration with its name (its receiver type and name, or a function's name with the literal's
//! suffix), the line of its `func` settling which when the names alone do not; a func literal counts as part of
//! the function that declares it, since that is where a reader finds its code.

use turk_go::DeclaredFunction;
use turk_profile::{Cost, FileProfile, FunctionProfile};

/// The cost of one declared function in a profile (its own entry and its func literals'), or of a profile
/// function that no declaration of the file matches (the profiled code differs from this checkout).
#[derive(Debug, Clone)]
pub(crate) struct FunctionCost<'a> {
    pub declared: Option<DeclaredFunction<'a>>,
    /// As the profile names it without the package (`(*Cache).Get`), else as declared (`Cache.Get`).
    pub name: String,
    /// Flat and attributed add up over the function and its literals (a sample is flat, and attributed, to one
    /// function only); cum is the largest of them (a literal called by its function is in the function's cum
    /// already, one run in a goroutine is not).
    pub flat_share: f64,
    pub attributed_share: f64,
    pub cum_share: f64,
}

/// Every function of `file`'s profile, placed in `declared`: one entry per declaration the profile reaches and
/// per profile function no declaration matches, most attributed first.
pub(crate) fn function_costs<'a>(
    file: &FileProfile,
    declared: &[DeclaredFunction<'a>],
) -> Vec<FunctionCost<'a>> {
    let mut costs: Vec<FunctionCost<'a>> = Vec::new();
    // Per declaration: its entry in `costs`, and whether the profile named the declaration itself.
    let mut slot: Vec<Option<(usize, bool)>> = vec![None; declared.len()];
    for function in &file.functions {
        let cost = &function.cost;
        match place(function, declared) {
            Some((index, own)) => match slot[index] {
                Some((entry, named)) => {
                    add(&mut costs[entry], cost);
                    if own && !named {
                        costs[entry].name = function.short_name.clone();
                        slot[index] = Some((entry, true));
                    }
                }
                None => {
                    let d = declared[index];
                    costs.push(FunctionCost {
                        declared: Some(d),
                        name: if own {
                            function.short_name.clone()
                        } else {
                            d.display_name()
                        },
                        flat_share: cost.flat_share,
                        attributed_share: cost.attributed_share,
                        cum_share: cost.cum_share,
                    });
                    slot[index] = Some((costs.len() - 1, own));
                }
            },
            None => costs.push(FunctionCost {
                declared: None,
                name: function.short_name.clone(),
                flat_share: cost.flat_share,
                attributed_share: cost.attributed_share,
                cum_share: cost.cum_share,
            }),
        }
    }
    costs.sort_by(|a, b| {
        b.attributed_share
            .total_cmp(&a.attributed_share)
            .then(b.cum_share.total_cmp(&a.cum_share))
            .then_with(|| a.name.cmp(&b.name))
    });
    costs
}

fn add(total: &mut FunctionCost<'_>, cost: &Cost) {
    total.flat_share += cost.flat_share;
    total.attributed_share += cost.attributed_share;
    total.cum_share = total.cum_share.max(cost.cum_share);
}

/// The declaration `function` belongs to (its index in `declared`), and whether it is the declaration itself
/// rather than one of its func literals.
fn place(function: &FunctionProfile, declared: &[DeclaredFunction<'_>]) -> Option<(usize, bool)> {
    let name = GoName::parse(&function.short_name)?;
    let by_name: Vec<(usize, bool)> = declared
        .iter()
        .enumerate()
        .filter_map(|(i, d)| name.matches(d).map(|own| (i, own)))
        .collect();
    match function.start_line {
        Some(line) => {
            if let Some(found) = by_name.iter().find(|(i, _)| declared[*i].contains(line)) {
                return Some(*found);
            }
            // A literal of a function inlined into another is named after both (`Outer.Inner.func1`); its line
            // says where it is. A name that is a declaration's own keeps it, whatever the lines.
            if !by_name.iter().any(|(_, own)| *own)
                && let Some(i) = declared.iter().position(|d| d.contains(line))
                && name.nested
            {
                return Some((i, false));
            }
            // The name matches but the line does not: the profiled checkout has other lines.
            by_name.first().copied()
        }
        None => by_name.first().copied(),
    }
}

/// A profile function's short name read as Go writes it: the receiver type (without `*` and type arguments),
/// the declared name, and whether more follows (a func literal, a method value's wrapper).
#[derive(Debug, PartialEq, Eq)]
struct GoName {
    /// The readings of the name: `T.M` is a method `M` of `T` or, as `F.func1` is, a literal of `F`.
    readings: Vec<(String, String, bool)>,
    nested: bool,
}

impl GoName {
    fn parse(short: &str) -> Option<GoName> {
        let plain = without_type_arguments(short);
        let plain = plain.trim_end_matches("-fm");
        if let Some(rest) = plain.strip_prefix('(') {
            let (receiver, rest) = rest.split_once(").")?;
            let mut parts = rest.split('.');
            let name = parts.next()?.to_string();
            let nested = parts.next().is_some();
            let receiver = receiver.trim_start_matches('*').to_string();
            return Some(GoName {
                readings: vec![(receiver, name, nested)],
                nested,
            });
        }
        let parts: Vec<&str> = plain.split('.').collect();
        let first = (*parts.first()?).to_string();
        if first.is_empty() {
            return None;
        }
        let mut readings = Vec::new();
        if let Some(second) = parts.get(1) {
            readings.push((first.clone(), (*second).to_string(), parts.len() > 2));
        }
        readings.push((String::new(), first, parts.len() > 1));
        let nested = parts.len() > 1;
        Some(GoName { readings, nested })
    }

    /// `Some(own)` when `d` is this function (`own`) or declares it (a literal, a wrapper).
    fn matches(&self, d: &DeclaredFunction<'_>) -> Option<bool> {
        self.readings
            .iter()
            .find(|(receiver, name, _)| receiver == d.receiver && name == d.name)
            .map(|(_, _, nested)| !nested)
    }
}

/// `Map[...]` → `Map`, `(*List[go.shape.int]).Push` → `(*List).Push`.
fn without_type_arguments(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use turk_profile::MatchedBy;

    fn declared() -> Vec<DeclaredFunction<'static>> {
        let d = |receiver, name, start_line, end_line| DeclaredFunction {
            name,
            receiver,
            start_line,
            end_line,
        };
        vec![
            d("", "Sum", 8, 15),
            d("Cache", "Get", 20, 30),
            d("Cache", "Len", 32, 34),
            d("", "Each", 40, 50),
            d("", "init", 52, 55),
            d("", "init", 57, 60),
            d("List", "Push", 62, 70),
            d("", "Map", 72, 80),
        ]
    }

    fn profile_function(short: &str, start_line: Option<u32>, attributed: f64, cum: f64) -> FunctionProfile {
        FunctionProfile {
            name: format!("example.com/x.{short}"),
            short_name: short.into(),
            start_line,
            cost: Cost {
                attributed_share: attributed,
                flat_share: attributed / 2.0,
                cum_share: cum,
                ..Cost::default()
            },
        }
    }

    fn file(functions: Vec<FunctionProfile>) -> FileProfile {
        FileProfile {
            path: "x.go".into(),
            matched_by: MatchedBy::ModulePath,
            profile_files: Vec::new(),
            cost: Cost::default(),
            functions,
            lines: Vec::new(),
        }
    }

    fn placed(short: &str, start_line: Option<u32>) -> Option<(String, bool)> {
        let declared = declared();
        place(&profile_function(short, start_line, 0.1, 0.1), &declared)
            .map(|(i, own)| (declared[i].display_name(), own))
    }

    #[test]
    fn go_names_find_their_declarations() {
        let own = |name: &str| Some((name.to_string(), true));
        let literal = |name: &str| Some((name.to_string(), false));
        assert_eq!(placed("Sum", None), own("Sum"));
        assert_eq!(placed("(*Cache).Get", None), own("Cache.Get"));
        assert_eq!(placed("Cache.Len", None), own("Cache.Len"), "a value receiver");
        assert_eq!(placed("Each.func1", None), literal("Each"));
        assert_eq!(
            placed("Each.func1.2", None),
            literal("Each"),
            "a literal in a literal"
        );
        assert_eq!(placed("(*Cache).Get.func3", None), literal("Cache.Get"));
        assert_eq!(
            placed("(*Cache).Get-fm", None),
            own("Cache.Get"),
            "a method value"
        );
        assert_eq!(placed("(*List[...]).Push", None), own("List.Push"));
        assert_eq!(placed("Map[go.shape.int]", None), own("Map"));
        assert_eq!(placed("Missing", None), None);
        assert_eq!(placed("(*Other).Get", None), None, "another type's method");
    }

    #[test]
    fn the_line_of_func_settles_what_names_do_not() {
        assert_eq!(placed("init.1", Some(57)), Some(("init".into(), false)));
        assert_eq!(
            placed("init.0", Some(52)).map(|(_, own)| own),
            Some(false),
            "init.N is a numbered init"
        );
        let second_init = {
            let declared = declared();
            let (i, _) = place(&profile_function("init.1", Some(57), 0.1, 0.1), &declared).unwrap();
            declared[i].start_line
        };
        assert_eq!(second_init, 57);
        // Go 1.21 names a literal of Each inlined into Sum after both; its line is in Each.
        assert_eq!(placed("Sum.Each.func1", Some(44)), Some(("Each".into(), false)));
        // Lines that moved since the profile: the name still finds the function.
        assert_eq!(
            placed("(*Cache).Get", Some(200)),
            Some(("Cache.Get".into(), true))
        );
        // A method's own name keeps it, even where the old line is now in another function.
        assert_eq!(placed("Cache.Len", Some(10)), Some(("Cache.Len".into(), true)));
        // A line in another function does not make a different name match it.
        assert_eq!(placed("Missing", Some(9)), None);
    }

    #[test]
    fn literals_add_to_their_function_and_unmatched_functions_stay_apart() {
        let declared = declared();
        let costs = function_costs(
            &file(vec![
                profile_function("Each.func1", None, 0.30, 0.35),
                profile_function("Each", None, 0.01, 0.40),
                profile_function("Sum", None, 0.10, 0.10),
                profile_function("Gone", None, 0.05, 0.05),
            ]),
            &declared,
        );
        let shown: Vec<(&str, f64, f64, bool)> = costs
            .iter()
            .map(|c| {
                (
                    c.name.as_str(),
                    (c.attributed_share * 100.0).round(),
                    (c.cum_share * 100.0).round(),
                    c.declared.is_some(),
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                ("Each", 31.0, 40.0, true),
                ("Sum", 10.0, 10.0, true),
                ("Gone", 5.0, 5.0, false),
            ]
        );
        // Only the literal in the profile: the function is named as declared.
        let costs = function_costs(
            &file(vec![profile_function("(*Cache).Get.func1", None, 0.2, 0.2)]),
            &declared,
        );
        assert_eq!(costs[0].name, "Cache.Get");
    }
}
