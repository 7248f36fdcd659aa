// Mock of Abseil's absl/base/config.h for iterguard's lit tests: every Abseil
// LTS release wraps its whole API in an inline namespace named after it.
#ifndef MOCK_ABSL_BASE_CONFIG_H
#define MOCK_ABSL_BASE_CONFIG_H

#pragma GCC system_header

#define ABSL_OPTION_USE_INLINE_NAMESPACE 1
#define ABSL_OPTION_INLINE_NAMESPACE_NAME lts_20230802
#define ABSL_NAMESPACE_BEGIN inline namespace lts_20230802 {
#define ABSL_NAMESPACE_END }

#endif // MOCK_ABSL_BASE_CONFIG_H
