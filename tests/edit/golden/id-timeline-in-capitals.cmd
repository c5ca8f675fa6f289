move Rust-For-Linux/drm-rust-required 2027
