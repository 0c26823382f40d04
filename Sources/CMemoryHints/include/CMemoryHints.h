#ifndef LANTERNE_C_MEMORY_HINTS_H
#define LANTERNE_C_MEMORY_HINTS_H

/// Asks the processor to bring the cache line holding `address` closer, for reading soon. Swift has no way to say
/// this itself; the call is inlined and costs one instruction. It never faults, whatever the address.
static inline void lanterne_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

/// Tells the processor that the thread is spinning on a value another thread will change: on x86 the `pause`
/// instruction (lets the other hyperthread run, saves power, avoids a pipeline flush when the value changes), on ARM
/// `yield`, elsewhere nothing.
static inline void lanterne_spin_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__) || defined(__arm__)
    __asm__ __volatile__("yield");
#endif
}

#endif
