"""What the whole suite shares: data factories, source files, editor accounts."""
