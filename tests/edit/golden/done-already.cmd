done tokyo
