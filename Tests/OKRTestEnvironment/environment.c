// The test process's environment, set before Swift Testing starts.
//
// Swift Testing records a backtrace for every Swift error thrown while tests run, so that a test failing on a
// thrown error can say where it came from. Okra throws as its way of refusing input (every validation, every
// 4xx), and a debug build's tests throw millions of errors on purpose; unwinding the stack for each was most of
// the suite's time (measured with perf: 44% of its CPU in libgcc's unwinder). A failing test still names the
// error and the test; only the thrown error's stack is not kept. Set SWT_SWIFT_ERROR_BACKTRACING_ENABLED=1 to
// have it back.
#include <stdlib.h>

__attribute__((constructor)) static void okra_test_environment(void) {
    setenv("SWT_SWIFT_ERROR_BACKTRACING_ENABLED", "0", 0);
}
