status f slipped
