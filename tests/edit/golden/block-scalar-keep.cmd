move m 2027-02
