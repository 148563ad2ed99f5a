// inductor-opt: the opt-style driver. Parses MLIR (aten and any upstream dialect), runs the passes and
// pipelines named on the command line, prints the result. Diagnostics carry IR locations; errors exit 1.
#include "InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::inductor::registerAllPasses();
  mlir::DialectRegistry registry;
  mlir::inductor::registerAllDialects(registry);
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "inductor-mlir optimizer driver\n", registry));
}
