//! Values and shares in words, for terminal output and prompts.

/// A value in its sample unit, scaled for reading: `2.82 s`, `3.75 GiB`, `1204`.
pub fn format_value(value: i64, unit: &str) -> String {
    let v = value as f64;
    match unit {
        "nanoseconds" => {
            let abs = v.abs();
            if abs >= 1e9 {
                format!("{} s", three_digits(v / 1e9))
            } else if abs >= 1e6 {
                format!("{} ms", three_digits(v / 1e6))
            } else if abs >= 1e3 {
                format!("{} µs", three_digits(v / 1e3))
            } else {
                format!("{value} ns")
            }
        }
        "bytes" => {
            const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
            let mut scaled = v;
            let mut step = 0;
            while scaled.abs() >= 1024.0 && step < UNITS.len() - 1 {
                scaled /= 1024.0;
                step += 1;
            }
            if step == 0 {
                format!("{value} B")
            } else {
                format!("{} {}", three_digits(scaled), UNITS[step])
            }
        }
        "count" | "" => value.to_string(),
        other => format!("{value} {other}"),
    }
}

/// Three significant digits, as a profile's precision deserves: `3.65`, `20.0`, `720`, `3845`.
fn three_digits(x: f64) -> String {
    let abs = x.abs();
    if abs >= 100.0 {
        format!("{x:.0}")
    } else if abs >= 10.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_values_by_unit() {
        assert_eq!(format_value(3_650_000_000, "nanoseconds"), "3.65 s");
        assert_eq!(format_value(20_000_000, "nanoseconds"), "20.0 ms");
        assert_eq!(format_value(720_000_000, "nanoseconds"), "720 ms");
        assert_eq!(format_value(1_500, "nanoseconds"), "1.50 µs");
        assert_eq!(format_value(999, "nanoseconds"), "999 ns");
        assert_eq!(format_value(512, "bytes"), "512 B");
        assert_eq!(format_value(4_062_000_000, "bytes"), "3.78 GiB");
        assert_eq!(format_value(8_912_896, "bytes"), "8.50 MiB");
        assert_eq!(format_value(42, "count"), "42");
        assert_eq!(format_value(7, "widgets"), "7 widgets");
    }
}
