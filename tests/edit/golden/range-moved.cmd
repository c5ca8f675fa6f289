move r 2027-Q1..2027-Q3
