done f 2026-11-02
