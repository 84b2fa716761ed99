"""Neuberechnung von Amts wegen: recalculate every running Bewilligung with the rules in force on a
Stichtag (issue 19). Only the Probelauf exists so far: it reads, compares and reports; it writes nothing."""
