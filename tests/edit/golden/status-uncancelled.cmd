status beta planned
