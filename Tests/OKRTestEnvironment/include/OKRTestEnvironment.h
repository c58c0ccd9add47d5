// Nothing to call: linking this target sets the test process's environment (see environment.c).
