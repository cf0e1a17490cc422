// libsodium must be initialised once per process before any of its functions
// run. Every function in itagap::security calls require_sodium() first, so
// callers never need to.
#pragma once

namespace itagap::security {

// Initialises libsodium exactly once (thread-safe: a function-local static).
// If libsodium cannot initialise, the process has no secure randomness; this
// aborts with a message on stderr rather than hand out predictable tokens.
void require_sodium();

}  // namespace itagap::security
