move drm 2027 --noted 2026-11-20
