// C ABI of the inductor runtime: what generated code and host tools call. No MLIR, no Python.
#ifndef INDUCTOR_RUNTIME_RUNTIME_H
#define INDUCTOR_RUNTIME_RUNTIME_H

#ifdef __cplusplus
extern "C" {
#endif

/// Requests AMX tile-data permission for this process (idempotent). Returns 0 on success, -1 when the
/// kernel or CPU does not support AMX.
int inductor_request_amx_permission(void);

#ifdef __cplusplus
}
#endif

#endif
