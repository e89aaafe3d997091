"""Forms of the protokoll pages, named like the steps: parse and check input;
services save."""
