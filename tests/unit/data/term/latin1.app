%% -*- coding: latin-1 -*-
%% An application resource file in Latin-1.
{application, café,
 [{description, "Café crème"},
  {vsn, "1.0"},
  {modules, [café]},
  {registered, []},
  {applications, [kernel, stdlib]}]}.
