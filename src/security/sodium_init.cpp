#include "security/sodium_init.hpp"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>

namespace itagap::security {

void require_sodium() {
    // sodium_init() returns 0 on first success, 1 if already initialised and
    // -1 on failure. The static makes concurrent first calls wait for one.
    static const bool ready = sodium_init() >= 0;
    if (!ready) {
        std::fputs("itagap: libsodium failed to initialise; no secure randomness\n", stderr);
        std::abort();
    }
}

}  // namespace itagap::security
