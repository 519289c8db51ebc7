// Found only when libtorch's own headers are not (see .cargo/config.toml): stops torch-sys's
// build with the command that installs libtorch, instead of a bare "No such file".
#error "claimx: libtorch 2.4.0 is not installed. Run scripts/setup-libtorch.sh once in the claimx checkout (it installs libtorch from PyPI into .libtorch/), or set LIBTORCH to a libtorch 2.4.0 folder, or build without NER: cargo build --no-default-features"
// #error lets the compiler go on into thousands of follow-on errors; a missing file stops it.
#include "stop-here-libtorch-is-missing"
