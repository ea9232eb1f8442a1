%% sensor_stats - statistics of the counts, new in sensor 2.0: how many
%% counts, and the largest.
-module(sensor_stats).
-behaviour(gen_server).
-vsn("2.0").
-export([start_link/0, counted/1, stats/0]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2,
         code_change/3]).

-record(state, {counts = 0, peak = 0}).

start_link() ->
    gen_server:start_link({local, ?MODULE}, ?MODULE, [], []).

%% counted(N): a count of N vehicles happened. Never fails, even when the
%% server is not running.
counted(N) ->
    gen_server:cast(?MODULE, {counted, N}).

%% stats() -> #{counts => C, peak => P}
stats() ->
    gen_server:call(?MODULE, stats).

init([]) ->
    {ok, #state{}}.

handle_call(stats, _From, #state{counts = C, peak = P} = S) ->
    {reply, #{counts => C, peak => P}, S};
handle_call(_Request, _From, S) ->
    {reply, {error, unknown_call}, S}.

handle_cast({counted, N}, #state{counts = C, peak = P} = S) ->
    {noreply, S#state{counts = C + 1, peak = max(N, P)}};
handle_cast(_Msg, S) ->
    {noreply, S}.

handle_info(_Info, S) ->
    {noreply, S}.

terminate(_Reason, _S) ->
    ok.

code_change(_OldVsn, S, _Extra) ->
    {ok, S}.
