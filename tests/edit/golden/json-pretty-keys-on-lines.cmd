move a 2027-02
