"""Imported by the multiprocessing fork server: load the pipeline once, before any worker is forked."""

from faultlines.read import load_nlp

load_nlp()
