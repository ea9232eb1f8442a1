%% plain - exports, imports and an explicit -vsn string.
-module(plain).
-vsn("1.2.3").
-export([start/0, add/2, 'quoted name'/1]).

start() ->
	lists:reverse(other:call(1, 2, 3)).

add(A, B) ->
	string:length(A) + other:size(B).

'quoted name'(X) ->
	{X, ?MODULE}.
