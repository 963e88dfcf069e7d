//! Standard output as every subcommand writes it.

use std::io::{self, IsTerminal, Write};

/// Standard output that a closed pipe ends quietly. Once the reader has
/// gone (`actionplan check … | head`), what is written is dropped, so the
/// command runs to its end and exits with its own code: whether the plan
/// passed does not depend on how much of the report was read.
pub struct Stdout {
    inner: io::StdoutLock<'static>,
    closed: bool,
}

impl Stdout {
    pub fn new() -> Self {
        Stdout {
            inner: io::stdout().lock(),
            closed: false,
        }
    }

    /// A broken pipe closes the output; any other error stands.
    fn closing<T>(&mut self, result: io::Result<T>, closed: T) -> io::Result<T> {
        match result {
            Err(error) if error.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(closed)
            }
            other => other,
        }
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let written = self.inner.write(buf);
        self.closing(written, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let flushed = self.inner.flush();
        self.closing(flushed, ())
    }
}

/// True when standard output should be coloured: it is a terminal, and
/// neither `NO_COLOR` (<https://no-color.org>) nor `TERM=dumb` says otherwise.
pub fn colour() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    io::stdout().is_terminal() && !no_color && !dumb
}
