/* Valgrind 3.19 writes into the signal mask given to sigsuspend; libdispatch (Swift) passes one in read-only
 * memory, and valgrind dies with "the 'impossible' happened". bench/run.sh preloads this copy-to-the-stack
 * wrapper when it runs lumbung under callgrind. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>

int sigsuspend(const sigset_t *mask) {
    sigset_t copy = *mask;
    int (*real)(const sigset_t *) = (int (*)(const sigset_t *))dlsym(RTLD_NEXT, "sigsuspend");
    return real(&copy);
}
