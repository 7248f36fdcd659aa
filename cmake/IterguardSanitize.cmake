# Sanitizer and fuzzer builds of iterguard's own code.
#
#   -DITERGUARD_SANITIZE="address;undefined"   the scanner and the unit tests
#   -DITERGUARD_BUILD_FUZZER=ON                fuzz/ (clang only; adds address)
#
# LLVM and Clang come from the distribution's shared libraries and are never
# instrumented. The clang-tidy module and the compiler plugin are not either:
# they load into a clang-tidy or clang without a sanitizer runtime, so they
# link an uninstrumented copy of the core (lib/CMakeLists.txt).

set(ITERGUARD_SANITIZE "" CACHE STRING
  "Sanitizers for the scanner and the unit tests, e.g. \"address;undefined\"")
option(ITERGUARD_BUILD_FUZZER
  "Build the libFuzzer target iterguard-fuzzer (needs clang++)" OFF)

if(ITERGUARD_BUILD_FUZZER)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "ITERGUARD_BUILD_FUZZER needs clang; configure with "
      "-DCMAKE_CXX_COMPILER=clang++-${ITERGUARD_LLVM_VERSION}")
  endif()
  # libFuzzer reports memory errors through AddressSanitizer.
  if(NOT "address" IN_LIST ITERGUARD_SANITIZE)
    list(APPEND ITERGUARD_SANITIZE address)
  endif()
endif()

if(ITERGUARD_SANITIZE)
  list(JOIN ITERGUARD_SANITIZE "," ITERGUARD_SANITIZERS)
  # No recovery: the first report fails the test that triggered it.
  set(ITERGUARD_SANITIZE_FLAGS -fsanitize=${ITERGUARD_SANITIZERS}
    -fno-omit-frame-pointer -fno-sanitize-recover=all)
  message(STATUS "iterguard: sanitizers ${ITERGUARD_SANITIZERS}")
endif()

# Instruments Target and, through its usage requirements, every executable
# that links it.
function(iterguard_sanitize Target)
  if(NOT ITERGUARD_SANITIZE)
    return()
  endif()
  target_compile_options(${Target} PUBLIC ${ITERGUARD_SANITIZE_FLAGS})
  target_link_options(${Target} INTERFACE ${ITERGUARD_SANITIZE_FLAGS})
  if(ITERGUARD_BUILD_FUZZER)
    # Coverage feedback for libFuzzer, without linking its main().
    target_compile_options(${Target} PRIVATE -fsanitize=fuzzer-no-link)
  endif()
endfunction()
