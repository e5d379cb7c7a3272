//! The layering of `render`, checked on its sources: a page module (`render/page/<kind>.rs`)
//! imports the shared modules, never another page's module; a shared module imports neither a
//! page module nor the items of `render.rs` (which renders the pages), and the shared modules
//! import each other without a cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A module of `render` as the rule sees it: `page::<kind>` for a page, else the first name
/// below `render` (`view` for `render/view.rs` and `render/view/*.rs`).
fn module_of(relative: &str) -> String {
    let stem = relative.trim_end_matches(".rs");
    match stem.split('/').collect::<Vec<_>>().as_slice() {
        ["page", kind, ..] => format!("page::{kind}"),
        [first, ..] => first.to_string(),
        [] => String::new(),
    }
}

/// The names a file's code reaches through `crate::render::` or `super::`, as modules of
/// `render` (`page::<kind>` for a page), or `root::<item>` for an item of `render.rs`.
fn references(module: &str, code: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let name = |first: &str, second: Option<&str>| match (first, second) {
        ("page", Some(kind)) => format!("page::{kind}"),
        (first, _) if modules.contains(first) => first.to_string(),
        (first, _) => format!("root::{first}"),
    };
    for line in code.lines().map(str::trim_start) {
        if line.starts_with("//") {
            continue;
        }
        for (prefix, in_page) in [("crate::render::", false), ("super::", true)] {
            let mut rest = line;
            while let Some(at) = rest.find(prefix) {
                rest = &rest[at + prefix.len()..];
                // `super::` in a page module is a sibling page; in `render/view/*.rs` it is
                // `view` itself; elsewhere a module of `render` (or an item of `render.rs`).
                let words: Vec<&str> = rest
                    .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                    .next()
                    .unwrap_or("")
                    .split("::")
                    .filter(|w| !w.is_empty())
                    .collect();
                let group = rest.starts_with('{');
                let names: Vec<&str> = if group {
                    let inner = &rest[1..rest.find('}').unwrap_or(rest.len())];
                    inner
                        .split(',')
                        .map(|n| n.trim().split("::").next().unwrap_or("").trim())
                        .filter(|n| !n.is_empty())
                        .collect()
                } else {
                    words.first().copied().into_iter().collect()
                };
                for first in names {
                    if first == "*" || first == "self" {
                        continue;
                    }
                    if prefix == "super::" {
                        if in_page && module.starts_with("page::") {
                            if modules.contains(&format!("page::{first}")) {
                                found.insert(format!("page::{first}"));
                            }
                            continue;
                        }
                        if module == "view" {
                            continue;
                        }
                    }
                    let second = if group { None } else { words.get(1).copied() };
                    found.insert(name(first, second));
                }
            }
        }
    }
    found.remove(module);
    found
}

fn sources() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/render");
    let mut files = BTreeMap::new();
    let mut folders = vec![root.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("src/render is readable") {
            let path = entry.expect("an entry of src/render").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(&root).expect("below src/render");
                let relative = relative.to_string_lossy().replace('\\', "/");
                let code = std::fs::read_to_string(&path).expect("a source file is readable");
                files.insert(relative, code);
            }
        }
    }
    files
}

#[test]
fn no_page_imports_another_and_the_shared_modules_have_no_cycle() {
    let files = sources();
    let mut modules: BTreeSet<String> = files.keys().map(|f| module_of(f)).collect();
    modules.insert("page".to_string());
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, code) in &files {
        // `page.rs` only declares the pages; the tests reach anything.
        if file == "page.rs" || file == "tests.rs" || file == "layering.rs" {
            continue;
        }
        let module = module_of(file);
        // A module's unit tests may reach anything (the entry point, fixtures).
        let code = code.split("#[cfg(test)]\nmod tests").next().unwrap_or(code);
        graph
            .entry(module.clone())
            .or_default()
            .extend(references(&module, code, &modules));
    }
    assert!(graph.contains_key("page::print") && graph.contains_key("view"));
    let mut wrong = Vec::new();
    for (module, reached) in &graph {
        for r in reached {
            let page = r.starts_with("page");
            if module.starts_with("page::") && page {
                wrong.push(format!("the page module {module} imports {r}"));
            }
            if !module.starts_with("page::") && page {
                wrong.push(format!("the shared module {module} imports {r}"));
            }
            if r.starts_with("root::") {
                wrong.push(format!("{module} imports {r} of render.rs"));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    // No cycle among the shared modules: take away, again and again, those that import none
    // of the rest; a cycle is what stays.
    let mut shared: BTreeMap<&str, BTreeSet<&str>> = graph
        .iter()
        .filter(|(m, _)| !m.starts_with("page::"))
        .map(|(m, r)| (m.as_str(), r.iter().map(String::as_str).collect()))
        .collect();
    loop {
        let leaves: Vec<&str> = shared
            .iter()
            .filter(|(_, r)| r.iter().all(|x| !shared.contains_key(x)))
            .map(|(m, _)| *m)
            .collect();
        if leaves.is_empty() {
            break;
        }
        for leaf in leaves {
            shared.remove(leaf);
        }
    }
    assert!(shared.is_empty(), "import cycle among {shared:?}");
}

#[test]
fn the_check_sees_a_page_importing_another() {
    let modules: BTreeSet<String> = ["view", "nav", "page::print", "page::year"]
        .map(String::from)
        .into();
    let code = "use crate::render::page::year::render;\nuse super::print::Links;\n";
    let reached = references("page::pk", code, &modules);
    assert_eq!(
        reached,
        BTreeSet::from(["page::year".to_string(), "page::print".to_string()])
    );
    let code = "use crate::render::{nav, view::Views};\nuse crate::render::RenderError;\n";
    let reached = references("output", code, &modules);
    assert_eq!(
        reached,
        BTreeSet::from([
            "nav".to_string(),
            "view".to_string(),
            "root::RenderError".to_string()
        ])
    );
}
