status drm at-risk --dry-run
