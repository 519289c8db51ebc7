// The first header torch-sys's torch_api.cpp includes: found only when libtorch's own
// headers are not, like the message in torch/torch.h.
#include <torch/torch.h>
