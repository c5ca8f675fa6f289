done ga 2026-11-02
