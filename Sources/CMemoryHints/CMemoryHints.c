// The module's only function is inline, in include/CMemoryHints.h; SwiftPM needs one C file to build the target.
#include "CMemoryHints.h"
