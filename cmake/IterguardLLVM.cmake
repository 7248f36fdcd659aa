# Finds the LLVM and Clang packages of version ITERGUARD_LLVM_VERSION.
#
# Debian installs each version under /usr/lib/llvm-<N>; the package config
# files accept only an exact major.minor request, so the directory is chosen
# here and the major version is checked after loading.

set(ITERGUARD_LLVM_ROOT "/usr/lib/llvm-${ITERGUARD_LLVM_VERSION}" CACHE PATH
    "Installation prefix of LLVM/Clang ${ITERGUARD_LLVM_VERSION}")

find_package(LLVM REQUIRED CONFIG
  PATHS "${ITERGUARD_LLVM_ROOT}/lib/cmake/llvm" NO_DEFAULT_PATH)
find_package(Clang REQUIRED CONFIG
  PATHS "${ITERGUARD_LLVM_ROOT}/lib/cmake/clang" NO_DEFAULT_PATH)

if(NOT LLVM_VERSION_MAJOR EQUAL ITERGUARD_LLVM_VERSION)
  message(FATAL_ERROR
    "ITERGUARD_LLVM_VERSION is ${ITERGUARD_LLVM_VERSION} but the LLVM found "
    "at ${ITERGUARD_LLVM_ROOT} is ${LLVM_PACKAGE_VERSION}")
endif()
message(STATUS "iterguard: building against LLVM ${LLVM_PACKAGE_VERSION} (${LLVM_INSTALL_PREFIX})")

set(ITERGUARD_CLANG_TIDY_INCLUDE_DIR "${LLVM_INCLUDE_DIRS}/clang-tidy")
if(NOT EXISTS "${ITERGUARD_CLANG_TIDY_INCLUDE_DIR}/ClangTidyCheck.h")
  message(FATAL_ERROR
    "clang-tidy headers not found under ${ITERGUARD_CLANG_TIDY_INCLUDE_DIR}; "
    "install clang-tidy-${ITERGUARD_LLVM_VERSION} and libclang-${ITERGUARD_LLVM_VERSION}-dev")
endif()

find_program(ITERGUARD_CLANG_TIDY_EXECUTABLE
  NAMES clang-tidy PATHS "${LLVM_TOOLS_BINARY_DIR}" NO_DEFAULT_PATH)

# Everything links the shared libclang-cpp and libLLVM, so the clang-tidy
# plugin shares the host process's copies instead of bringing its own.
set(ITERGUARD_CLANG_LIBS clang-cpp LLVM)

add_library(iterguard_llvm INTERFACE)
target_include_directories(iterguard_llvm SYSTEM INTERFACE
  ${LLVM_INCLUDE_DIRS} ${CLANG_INCLUDE_DIRS})
separate_arguments(ITERGUARD_LLVM_DEFINITIONS NATIVE_COMMAND "${LLVM_DEFINITIONS}")
target_compile_definitions(iterguard_llvm INTERFACE
  ITERGUARD_LLVM_VERSION_MAJOR=${LLVM_VERSION_MAJOR})
target_compile_options(iterguard_llvm INTERFACE ${ITERGUARD_LLVM_DEFINITIONS})
if(NOT LLVM_ENABLE_RTTI)
  target_compile_options(iterguard_llvm INTERFACE -fno-rtti)
endif()
target_link_libraries(iterguard_llvm INTERFACE ${ITERGUARD_CLANG_LIBS})
