status beta cancelled
