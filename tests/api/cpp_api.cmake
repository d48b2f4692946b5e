# api layer tests of the C++ wrapper and packaging (included by tests/CMakeLists.txt):
# - hlffi3_signatures: HLFFI 3.0's interface restated in C99 and checked against include/hlffi.h
#   at compile time (part of the build: a changed signature or enum value fails it);
# - api.hlffi3_link: the same declarations linked into a program (every function exists);
# - install.package: cmake --install into a temporary prefix, then hosts built outside the tree
#   against it (find_package and pkg-config), their output checked.
add_library(hlffi3_signatures OBJECT ${CMAKE_CURRENT_LIST_DIR}/hlffi3_signatures.c)
target_include_directories(hlffi3_signatures PRIVATE ${PROJECT_SOURCE_DIR}/include)
set_target_properties(hlffi3_signatures PROPERTIES C_STANDARD 99 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF)
target_compile_options(hlffi3_signatures PRIVATE -Wall -Wextra -pedantic -Werror)

add_executable(hlffi3_link ${CMAKE_CURRENT_LIST_DIR}/hlffi3_signatures_main.c
  $<TARGET_OBJECTS:hlffi3_signatures>)
target_link_libraries(hlffi3_link PRIVATE hlffi stdc++ m)
add_test(NAME api.hlffi3_link COMMAND hlffi3_link)
set_tests_properties(api.hlffi3_link PROPERTIES LABELS api)

# Sanitizer builds make a libhlffi.so that only sanitized hosts can load: not a package.
if(NOT HLFFI_SANITIZE AND NOT HLFFI_TSAN)
  add_test(NAME install.package
    COMMAND sh ${PROJECT_SOURCE_DIR}/tests/install/run.sh ${CMAKE_BINARY_DIR} ${PROJECT_SOURCE_DIR} ${HLFFI_HL_DIR}/api_cpp.hl)
  set_tests_properties(install.package PROPERTIES LABELS install TIMEOUT 600)
endif()

# The C++ game loop example: its whole output against the committed expected.stdout.
add_test(NAME example.game_loop
  COMMAND sh -c "$<TARGET_FILE:game_loop_host> ${CMAKE_BINARY_DIR}/examples/game_loop.hl | cmp - ${PROJECT_SOURCE_DIR}/examples/game_loop/expected.stdout")
set_tests_properties(example.game_loop PROPERTIES LABELS example)
