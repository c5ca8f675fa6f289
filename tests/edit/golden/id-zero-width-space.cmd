move drm-rust​-required 2027
