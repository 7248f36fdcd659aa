//===--- ForwardDataflow.h - Worklist fixpoint over a CFG ---------*- C++ -*-===//
//
// One forward dataflow solver for every analysis, so none of them re-invents
// the worklist. The state at a block's entry is the join of the states its
// predecessors hand along their edges; blocks are revisited in reverse
// post-order until no entry state changes.
//
// Contract: Join(Into, From) merges From into Into and returns true when Into
// changed; it must be monotone over a finite lattice. Transfer(Block, State)
// runs the block's elements. Edge(Block, SuccessorIndex, State) may refine the
// state handed to one successor (facts learnt from a branch).
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_ANALYSIS_FORWARDDATAFLOW_H
#define ITERGUARD_ANALYSIS_FORWARDDATAFLOW_H

#include "Analysis/FunctionCFG.h"
#include "llvm/ADT/DenseSet.h"
#include <functional>
#include <optional>
#include <queue>
#include <utility>
#include <vector>

namespace iterguard {

template <typename State, typename TransferFn, typename JoinFn, typename EdgeFn>
std::vector<std::optional<State>>
solveForward(const FunctionCFG &Function, State Initial, TransferFn Transfer,
             JoinFn Join, EdgeFn Edge) {
  const clang::CFG &Graph = Function.cfg();
  std::vector<std::optional<State>> Entry(Graph.getNumBlockIDs());

  using Item = std::pair<int, const clang::CFGBlock *>;
  std::priority_queue<Item, std::vector<Item>, std::greater<Item>> Work;
  llvm::DenseSet<unsigned> Queued;
  auto Enqueue = [&](const clang::CFGBlock *Block) {
    int Order = Function.orderOf(Block);
    if (Order >= 0 && Queued.insert(Block->getBlockID()).second)
      Work.push({Order, Block});
  };
  const clang::CFGBlock &Start = Graph.getEntry();
  Entry[Start.getBlockID()] = std::move(Initial);
  Enqueue(&Start);

  // The lattices are finite, so this bound only keeps a modelling mistake
  // from turning into a hang on some unusual function.
  unsigned Budget = 64 * (Graph.getNumBlockIDs() + 1);
  while (!Work.empty() && Budget-- > 0) {
    const clang::CFGBlock *Block = Work.top().second;
    Work.pop();
    Queued.erase(Block->getBlockID());
    State Out = *Entry[Block->getBlockID()];
    Transfer(*Block, Out);
    unsigned Index = 0;
    for (const clang::CFGBlock::AdjacentBlock &Succ : Block->succs()) {
      unsigned ThisIndex = Index++;
      const clang::CFGBlock *Next = Succ.getReachableBlock();
      if (!Next)
        continue;
      State Along = Out;
      Edge(*Block, ThisIndex, Along);
      std::optional<State> &Into = Entry[Next->getBlockID()];
      if (!Into) {
        Into = std::move(Along);
        Enqueue(Next);
      } else if (Join(*Into, Along)) {
        Enqueue(Next);
      }
    }
  }
  return Entry;
}

} // namespace iterguard

#endif // ITERGUARD_ANALYSIS_FORWARDDATAFLOW_H
