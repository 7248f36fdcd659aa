// RUN: %check_iterguard %s iterguard-range-loop-address-escape -- -std=c++17
// RUN: %check_iterguard %s iterguard-range-loop-address-escape -- -std=c++17 -nostdinc++ -isystem %mock_std
// RUN: %check_iterguard %s iterguard-range-loop-address-escape --check-suffix=CXX20 -- -std=c++20

// Where the address of a per-iteration loop variable, or a pointer or view
// derived from it, goes: outer containers, variables, members, globals,
// statics and out-parameters, through a local first, returned and thrown.
// Each positive has the correct version of the same code next to it.

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>
#if __cplusplus >= 202002L
#include <span>
#endif

struct Product {
  std::string sku;
  std::string title;
  int stock = 0;
  double price = 0;
};

//===----------------------------------------------------------------------===//
// The address of the copy, pushed into a container declared before the loop
//===----------------------------------------------------------------------===//

std::vector<const Product *> productsInStock(const std::vector<Product> &catalog) {
  std::vector<const Product *> inStock;
  for (Product product : catalog)
    if (product.stock > 0)
      inStock.push_back(&product);
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: address of per-iteration variable 'product' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: 'product' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: stored in 'inStock' here, which outlives the iteration
  // CHECK-FIXES: for (const Product& product : catalog)
  return inStock;
}

// Fine: a reference loop variable points into 'catalog'.
std::vector<const Product *> productsInStockByReference(const std::vector<Product> &catalog) {
  std::vector<const Product *> inStock;
  for (const Product &product : catalog)
    if (product.stock > 0)
      inStock.push_back(&product);
  return inStock;
}

std::vector<const std::string *> productTitles(const std::vector<Product> &catalog) {
  std::vector<const std::string *> titles;
  for (auto product : catalog)
    titles.push_back(&product.title);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: address of per-iteration variable 'product' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'product' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'titles' here, which outlives the iteration
  // CHECK-FIXES: for (const auto& product : catalog)
  return titles;
}

// Fine: the vector holds copies of the titles, not addresses.
std::vector<std::string> productTitleCopies(const std::vector<Product> &catalog) {
  std::vector<std::string> titles;
  for (auto product : catalog)
    titles.push_back(product.title);
  return titles;
}

// std::addressof of the copy, into a vector of non-const pointers that a const
// reference could not fill: no fix-it.
std::vector<Product *> productsToRestock(const std::vector<Product> &catalog) {
  std::vector<Product *> restock;
  for (Product product : catalog)
    if (product.stock == 0)
      restock.push_back(std::addressof(product));
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: address of per-iteration variable 'product' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: 'product' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: stored in 'restock' here, which outlives the iteration
  // CHECK-FIXES: for (Product product : catalog)
  return restock;
}

//===----------------------------------------------------------------------===//
// Derived pointers and views: c_str(), data(), string_view, begin()
//===----------------------------------------------------------------------===//

// The classic argv builder: every pointer dangles once the loop ends.
std::vector<const char *> buildArgv(const std::vector<std::string> &args) {
  std::vector<const char *> argv;
  for (std::string arg : args)
    argv.push_back(arg.c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: address of per-iteration variable 'arg' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:20: note: 'arg' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'argv' here, which outlives the iteration
  // CHECK-FIXES: for (const std::string& arg : args)
  argv.push_back(nullptr);
  return argv;
}

// Fine: c_str() of a reference into 'args'.
std::vector<const char *> buildArgvByReference(const std::vector<std::string> &args) {
  std::vector<const char *> argv;
  for (const std::string &arg : args)
    argv.push_back(arg.c_str());
  argv.push_back(nullptr);
  return argv;
}

// data() of a non-const string is a non-const member: no fix-it.
std::vector<char *> mutableArgv(const std::vector<std::string> &args) {
  std::vector<char *> argv;
  for (std::string arg : args)
    argv.push_back(arg.data());
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: address of per-iteration variable 'arg' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:20: note: 'arg' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'argv' here, which outlives the iteration
  // CHECK-FIXES: for (std::string arg : args)
  return argv;
}

// The implicit conversion to std::string_view views the copy.
std::vector<std::string_view> fieldViews(const std::vector<std::string> &fields) {
  std::vector<std::string_view> views;
  for (auto field : fields)
    views.push_back(field);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: view of per-iteration variable 'field' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'field' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'views' here, which outlives the iteration
  // CHECK-FIXES: for (const auto& field : fields)
  return views;
}

std::vector<std::string_view> explicitViews(const std::vector<std::string> &fields) {
  std::vector<std::string_view> views;
  for (auto field : fields)
    views.push_back(std::string_view(field));
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: view of per-iteration variable 'field' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'field' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'views' here, which outlives the iteration
  // CHECK-FIXES: for (const auto& field : fields)
  return views;
}

// emplace_back builds the string_view element from the copy in place. The
// copy is passed by forwarding reference, a non-const use: no fix-it.
std::vector<std::string_view> emplacedViews(const std::vector<std::string> &fields) {
  std::vector<std::string_view> views;
  for (std::string field : fields)
    views.emplace_back(field);
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: view of per-iteration variable 'field' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:20: note: 'field' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'views' here, which outlives the iteration
  // CHECK-FIXES: for (std::string field : fields)
  return views;
}

// Fine: emplace_back into a vector of strings copies.
std::vector<std::string> emplacedCopies(const std::vector<std::string> &fields) {
  std::vector<std::string> copies;
  for (std::string field : fields)
    copies.emplace_back(field);
  return copies;
}

// begin() of a by-value container element iterates the copy. It is the
// non-const begin(), so no fix-it.
using Batch = std::vector<int>;
std::vector<Batch::iterator> batchCursors(const std::vector<Batch> &batches) {
  std::vector<Batch::iterator> cursors;
  for (auto batch : batches)
    cursors.push_back(batch.begin());
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: address of per-iteration variable 'batch' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'batch' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'cursors' here, which outlives the iteration
  // CHECK-FIXES: for (auto batch : batches)
  return cursors;
}

// Fine: a reference loop variable iterates the caller's batches.
std::vector<Batch::iterator> batchCursorsByReference(std::vector<Batch> &batches) {
  std::vector<Batch::iterator> cursors;
  for (auto &batch : batches)
    cursors.push_back(batch.begin());
  return cursors;
}

// The element of a by-value container copy lives in the copy (non-const
// operator[]: no fix-it).
std::vector<const int *> firstOfEachBatch(const std::vector<Batch> &batches) {
  std::vector<const int *> firsts;
  for (auto batch : batches)
    if (!batch.empty())
      firsts.push_back(&batch[0]);
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: address of per-iteration variable 'batch' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'batch' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: stored in 'firsts' here, which outlives the iteration
  // CHECK-FIXES: for (auto batch : batches)
  return firsts;
}

#if __cplusplus >= 202002L
// A std::span over the copy, pushed or emplaced.
std::vector<std::span<const int>> batchSpans(const std::vector<Batch> &batches) {
  std::vector<std::span<const int>> spans;
  for (auto batch : batches)
    spans.push_back(std::span<const int>(batch));
  // CHECK-MESSAGES-CXX20: :[[@LINE-1]]:21: warning: view of per-iteration variable 'batch' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES-CXX20: :[[@LINE-3]]:13: note: 'batch' is a copy of the element, made for one iteration
  // CHECK-MESSAGES-CXX20: :[[@LINE-3]]:5: note: stored in 'spans' here, which outlives the iteration
  // CHECK-FIXES: for (auto batch : batches)
  for (Batch batch : batches)
    spans.emplace_back(batch);
  // CHECK-MESSAGES-CXX20: :[[@LINE-1]]:24: warning: view of per-iteration variable 'batch' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES-CXX20: :[[@LINE-3]]:14: note: 'batch' is a copy of the element, made for one iteration
  // CHECK-MESSAGES-CXX20: :[[@LINE-3]]:5: note: stored in 'spans' here, which outlives the iteration
  // CHECK-FIXES: for (Batch batch : batches)
  return spans;
}

// Fine: spans over the caller's batches.
std::vector<std::span<const int>> batchSpansByReference(const std::vector<Batch> &batches) {
  std::vector<std::span<const int>> spans;
  for (const auto &batch : batches)
    spans.emplace_back(batch);
  return spans;
}
#endif

//===----------------------------------------------------------------------===//
// Maps keyed by a field of the copy
//===----------------------------------------------------------------------===//

std::map<std::string, const Product *> indexBySku(const std::vector<Product> &catalog) {
  std::map<std::string, const Product *> bySku;
  for (auto product : catalog)
    bySku[product.sku] = &product;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: address of per-iteration variable 'product' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'product' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'bySku' here, which outlives the iteration
  // CHECK-FIXES: for (const auto& product : catalog)
  return bySku;
}

// Fine: the map stores the stock count, a copy.
std::map<std::string, int> stockBySku(const std::vector<Product> &catalog) {
  std::map<std::string, int> stock;
  for (auto product : catalog)
    stock[product.sku] = product.stock;
  return stock;
}

// emplace builds the std::string_view key from the copy's title. The
// arguments are forwarded, a non-const use: no fix-it.
std::map<std::string_view, int> stockByTitle(const std::vector<Product> &catalog) {
  std::map<std::string_view, int> stock;
  for (auto product : catalog)
    stock.emplace(product.title, product.stock);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: view of per-iteration variable 'product' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'product' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'stock' here, which outlives the iteration
  // CHECK-FIXES: for (auto product : catalog)
  return stock;
}

//===----------------------------------------------------------------------===//
// Variables declared before the loop, and early exits
//===----------------------------------------------------------------------===//

// The cheapest product so far is remembered by address; the next iteration
// overwrites the copy it points to.
std::string cheapestSku(const std::vector<Product> &catalog) {
  const Product *cheapest = nullptr;
  for (auto product : catalog)
    if (!cheapest || product.price < cheapest->price)
      cheapest = &product;
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: address of per-iteration variable 'product' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'product' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: stored in 'cheapest' here, which outlives the iteration
  // CHECK-FIXES: for (const auto& product : catalog)
  return cheapest ? cheapest->sku : std::string();
}

// Fine: the loop keeps a copy of the cheapest product.
std::string cheapestSkuByCopy(const std::vector<Product> &catalog) {
  Product cheapest;
  bool found = false;
  for (auto product : catalog)
    if (!found || product.price < cheapest.price) {
      cheapest = product;
      found = true;
    }
  return found ? cheapest.sku : std::string();
}

// 'break' ends the loop, and with it the copy 'found' points to.
int stockOf(const std::vector<Product> &catalog, const std::string &sku) {
  const Product *found = nullptr;
  for (auto product : catalog)
    if (product.sku == sku) {
      found = &product;
      break;
    }
  // CHECK-MESSAGES: :[[@LINE-3]]:15: warning: address of per-iteration variable 'product' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-6]]:13: note: 'product' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-5]]:7: note: stored in 'found' here, which outlives the iteration
  // CHECK-FIXES: for (const auto& product : catalog)
  return found ? found->stock : -1;
}

// Fine: the address is used only within the iteration.
int totalStock(const std::vector<Product> &catalog) {
  int total = 0;
  for (auto product : catalog) {
    const Product *current = &product;
    total += current->stock;
  }
  return total;
}

// Inner loop: 'first' lives in the outer iteration, longer than each inner
// iteration's copy.
std::vector<std::string> firstTitles(const std::vector<std::vector<Product>> &shelves) {
  std::vector<std::string> titles;
  for (const auto &shelf : shelves) {
    const std::string *first = nullptr;
    for (auto product : shelf)
      if (!first)
        first = &product.title;
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: address of per-iteration variable 'product' escapes the loop iteration [iterguard-range-loop-address-escape]
    // CHECK-MESSAGES: :[[@LINE-4]]:15: note: 'product' is a copy of the element, made for one iteration
    // CHECK-MESSAGES: :[[@LINE-3]]:9: note: stored in 'first' here, which outlives the iteration
    // CHECK-FIXES: for (const auto& product : shelf)
    if (first)
      titles.push_back(*first);
  }
  return titles;
}

// Fine: a container declared inside the iteration dies with the copy.
std::size_t longestField(const std::vector<Product> &catalog) {
  std::size_t longest = 0;
  for (auto product : catalog) {
    std::vector<const std::string *> fields;
    fields.push_back(&product.sku);
    fields.push_back(&product.title);
    for (const std::string *field : fields)
      longest = field->size() > longest ? field->size() : longest;
  }
  return longest;
}

//===----------------------------------------------------------------------===//
// Members, globals, statics and out-parameters
//===----------------------------------------------------------------------===//

class ShoppingCart {
public:
  // Two escapes of one variable: two warnings, one fix-it (on the first).
  void addAll(const std::vector<Product> &products) {
    for (auto product : products) {
      lines_.push_back(&product);
      lastAdded_ = &product;
    }
    // CHECK-MESSAGES: :[[@LINE-3]]:24: warning: address of per-iteration variable 'product' escapes the loop iteration [iterguard-range-loop-address-escape]
    // CHECK-MESSAGES: :[[@LINE-5]]:15: note: 'product' is a copy of the element, made for one iteration
    // CHECK-MESSAGES: :[[@LINE-5]]:7: note: stored in 'lines_' here, which outlives the iteration
    // CHECK-MESSAGES: :[[@LINE-5]]:20: warning: address of per-iteration variable 'product' escapes the loop iteration [iterguard-range-loop-address-escape]
    // CHECK-MESSAGES: :[[@LINE-8]]:15: note: 'product' is a copy of the element, made for one iteration
    // CHECK-MESSAGES: :[[@LINE-7]]:7: note: stored in 'lastAdded_' here, which outlives the iteration
    // CHECK-FIXES: for (const auto& product : products)
  }

  // Fine: the cart keeps copies.
  void addCopies(const std::vector<Product> &products) {
    for (auto product : products)
      copies_.push_back(product);
  }

private:
  std::vector<const Product *> lines_;
  const Product *lastAdded_ = nullptr;
  std::vector<Product> copies_;
};

const Product *FeaturedProduct = nullptr;

void pickFeatured(const std::vector<Product> &catalog) {
  for (auto product : catalog)
    if (product.stock > 100)
      FeaturedProduct = &product;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: address of per-iteration variable 'product' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'product' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: stored in 'FeaturedProduct' here, which outlives the iteration
  // CHECK-FIXES: for (const auto& product : catalog)
}

const char *lastMissingSku(const std::vector<Product> &catalog) {
  static const char *LastMissing = nullptr;
  for (auto product : catalog)
    if (product.stock == 0)
      LastMissing = product.sku.c_str();
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: address of per-iteration variable 'product' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'product' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: stored in 'LastMissing' here, which outlives the iteration
  // CHECK-FIXES: for (const auto& product : catalog)
  return LastMissing;
}

bool findProduct(const std::vector<Product> &catalog, const std::string &sku,
                 const Product **result) {
  for (auto product : catalog)
    if (product.sku == sku) {
      *result = &product;
      return true;
    }
  // CHECK-MESSAGES: :[[@LINE-3]]:17: warning: address of per-iteration variable 'product' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-6]]:13: note: 'product' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-5]]:7: note: stored in '*result' here, which outlives the iteration
  // CHECK-FIXES: for (const auto& product : catalog)
  return false;
}

void lookupProduct(const std::vector<Product> &catalog, const std::string &sku,
                   const Product *&result) {
  for (auto product : catalog)
    if (product.sku == sku)
      result = &product;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: address of per-iteration variable 'product' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'product' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: stored in 'result' here, which outlives the iteration
  // CHECK-FIXES: for (const auto& product : catalog)
}

void fillArgv(const std::vector<std::string> &args, const char **argv) {
  int argc = 0;
  for (auto arg : args)
    argv[argc++] = arg.c_str();
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: address of per-iteration variable 'arg' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'arg' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored here, in storage that outlives the iteration
  // CHECK-FIXES: for (const auto& arg : args)
  argv[argc] = nullptr;
}

// Fine: the out-parameter receives a copy of the product.
bool findProductCopy(const std::vector<Product> &catalog, const std::string &sku,
                     Product &result) {
  for (auto product : catalog)
    if (product.sku == sku) {
      result = product;
      return true;
    }
  return false;
}

//===----------------------------------------------------------------------===//
// Through a local pointer or view that is stored later
//===----------------------------------------------------------------------===//

void rememberBestRated(const std::vector<Product> &catalog, const Product *&best) {
  for (auto product : catalog) {
    const Product *candidate = &product;
    if (!best || candidate->price > best->price)
      best = candidate;
  }
  // CHECK-MESSAGES: :[[@LINE-4]]:32: warning: address of per-iteration variable 'product' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-6]]:13: note: 'product' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: stored in 'best' here, which outlives the iteration
  // CHECK-FIXES: for (const auto& product : catalog)
}

std::map<std::string_view, int> stockByLocalKey(const std::vector<Product> &catalog) {
  std::map<std::string_view, int> stock;
  for (auto product : catalog) {
    std::string_view key = product.sku;
    if (product.stock > 0)
      stock.emplace(key, product.stock);
  }
  // CHECK-MESSAGES: :[[@LINE-4]]:28: warning: view of per-iteration variable 'product' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-6]]:13: note: 'product' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: stored in 'stock' here, which outlives the iteration
  // CHECK-FIXES: for (auto product : catalog) {
  return stock;
}

// On the path where the product is in stock, 'candidate' still points to
// the copy when it is stored.
void rememberFirstInStock(const std::vector<Product> &catalog, const Product *&first) {
  for (auto product : catalog) {
    const Product *candidate = &product;
    if (candidate->stock == 0)
      candidate = nullptr;
    if (!first)
      first = candidate;
  }
  // CHECK-MESSAGES: :[[@LINE-6]]:32: warning: address of per-iteration variable 'product' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-8]]:13: note: 'product' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: stored in 'first' here, which outlives the iteration
  // CHECK-FIXES: for (const auto& product : catalog)
}

// Fine: the local pointer is redirected to the caller's element on every path
// before it is stored.
void rememberLastInStock(const std::vector<Product> &catalog, const Product *&last) {
  std::size_t index = 0;
  for (auto product : catalog) {
    const Product *candidate = &product;
    if (candidate->stock > 0) {
      candidate = &catalog[index];
      last = candidate;
    }
    ++index;
  }
}

//===----------------------------------------------------------------------===//
// Returned and thrown
//===----------------------------------------------------------------------===//

const Product *findBySku(const std::vector<Product> &catalog, const std::string &sku) {
  for (auto product : catalog)
    if (product.sku == sku)
      return &product;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: address of per-iteration variable 'product' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'product' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: returned here
  // CHECK-FIXES: for (const auto& product : catalog)
  return nullptr;
}

// Fine: returned by value.
Product copyBySku(const std::vector<Product> &catalog, const std::string &sku) {
  for (auto product : catalog)
    if (product.sku == sku)
      return product;
  return Product();
}

const std::string &titleOf(const std::vector<Product> &catalog, const std::string &sku) {
  static const std::string None;
  for (auto product : catalog)
    if (product.sku == sku)
      return product.title;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: reference to per-iteration variable 'product' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'product' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: returned here
  // CHECK-FIXES: for (const auto& product : catalog)
  return None;
}

std::string_view titleViewOf(const std::vector<Product> &catalog, const std::string &sku) {
  for (auto product : catalog)
    if (product.sku == sku)
      return product.title;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: view of per-iteration variable 'product' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'product' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: returned here
  // CHECK-FIXES: for (const auto& product : catalog)
  return {};
}

class OutOfStock {
public:
  explicit OutOfStock(const Product *product) : product(product) {}
  const Product *product;
};

void requireStock(const std::vector<Product> &catalog) {
  for (auto product : catalog)
    if (product.stock == 0)
      throw OutOfStock(&product);
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: address of per-iteration variable 'product' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'product' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: thrown here
  // CHECK-FIXES: for (const auto& product : catalog)
}

// Fine: the exception carries a copy of the SKU.
class MissingProduct {
public:
  explicit MissingProduct(std::string sku) : sku(std::move(sku)) {}
  std::string sku;
};

void requireListed(const std::vector<Product> &catalog) {
  for (auto product : catalog)
    if (product.title.empty())
      throw MissingProduct(product.sku);
}

//===----------------------------------------------------------------------===//
// Known misses
//===----------------------------------------------------------------------===//

// False negative: a structured binding is not a variable the analysis tracks.
std::vector<const Product *> listedProducts(const std::map<std::string, Product> &bySku) {
  std::vector<const Product *> listed;
  for (auto [sku, product] : bySku)
    listed.push_back(&product);
  return listed;
}

// False negative: an aggregate initialized with braces is not followed.
struct SkuRef {
  const char *sku;
  int stock;
};
std::vector<SkuRef> skuRefs(const std::vector<Product> &catalog) {
  std::vector<SkuRef> refs;
  for (auto product : catalog)
    refs.push_back({product.sku.c_str(), product.stock});
  return refs;
}

// False negative: only the first constructor argument is followed.
class StockLine {
public:
  StockLine(int quantity, const Product *product) : quantity(quantity), product(product) {}
  int quantity;
  const Product *product;
};
std::vector<StockLine> stockLines(const std::vector<Product> &catalog) {
  std::vector<StockLine> lines;
  for (auto product : catalog)
    lines.push_back(StockLine(product.stock, &product));
  return lines;
}

// front() of a by-value container copy is an element of the copy.
std::vector<const int *> frontOfEachBatch(const std::vector<Batch> &batches) {
  std::vector<const int *> fronts;
  for (auto batch : batches)
    if (!batch.empty())
      fronts.push_back(&batch.front());
      // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: address of per-iteration variable 'batch' escapes the loop iteration [iterguard-range-loop-address-escape]
      // CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'batch' is a copy of the element, made for one iteration
      // CHECK-MESSAGES: :[[@LINE-3]]:7: note: stored in 'fronts' here, which outlives the iteration
  return fronts;
}

// False negative: a local reference bound to the copy is not followed.
std::vector<const Product *> aliasedProducts(const std::vector<Product> &catalog) {
  std::vector<const Product *> out;
  for (auto product : catalog) {
    const Product &alias = product;
    out.push_back(&alias);
  }
  return out;
}

// False negative: data() of a local view of the copy is not followed.
std::vector<const char *> skuPointers(const std::vector<Product> &catalog) {
  std::vector<const char *> out;
  for (auto product : catalog) {
    std::string_view sku = product.sku;
    out.push_back(sku.data());
  }
  return out;
}

// False negative: the reference loop variable of an inner loop points into
// the outer loop's copy.
std::vector<const Product *> allProducts(const std::vector<std::vector<Product>> &shelves) {
  std::vector<const Product *> out;
  for (auto shelf : shelves)
    for (const auto &product : shelf)
      out.push_back(&product);
  return out;
}

// False negative: operator[] inserts a key made from the copy; only the
// assigned value is seen as stored.
std::map<std::string_view, int> countTitles(const std::vector<Product> &catalog) {
  std::map<std::string_view, int> counts;
  for (auto product : catalog)
    ++counts[product.title];
  return counts;
}
