move drm ~2026-12 --strict
