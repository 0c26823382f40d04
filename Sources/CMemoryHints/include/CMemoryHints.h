#ifndef LANTERNE_C_MEMORY_HINTS_H
#define LANTERNE_C_MEMORY_HINTS_H

/// Asks the processor to bring the cache line holding `address` closer, for reading soon. Swift has no way to say
/// this itself; the call is inlined and costs one instruction. It never faults, whatever the address.
static inline void lanterne_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#endif
